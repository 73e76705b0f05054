// The routing core's queues as the depths the metrics track: a contact counts as waiting until an agent
// accepts it (waiting or offered), the same span ASA measures, and the default queue maps to null.
import type { QueueDepth } from '@switchboard/metrics';
import type { QueueStats } from '@switchboard/routing-core';
import { DEFAULT_QUEUE_ID } from '../engine/routing-input.mapper';

export function queueDepthsOf(queues: readonly QueueStats[]): QueueDepth[] {
  return queues.map((q) => ({
    queueId: q.queueId === DEFAULT_QUEUE_ID ? null : q.queueId,
    waiting: q.waiting + q.offered,
  }));
}
