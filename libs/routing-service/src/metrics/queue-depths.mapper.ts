// The routing core's queues as the depths the metrics track: a contact counts as waiting until an agent
// accepts it (waiting or offered), the same span ASA measures, and the default queue maps to null.
import type { RoutingEventType, RoutingEventV1 } from '@switchboard/contracts';
import type { QueueDepth } from '@switchboard/metrics';
import type { QueueStats } from '@switchboard/routing-core';
import { DEFAULT_QUEUE_ID } from '../engine/routing-input.mapper';

export function queueDepthsOf(queues: readonly QueueStats[]): QueueDepth[] {
  return queues.map((q) => ({
    queueId: q.queueId === DEFAULT_QUEUE_ID ? null : q.queueId,
    waiting: q.waiting + q.offered,
  }));
}

/**
 * Events that never change how many contacts wait unaccepted (a reopening, queueing, acceptance or ending
 * comes with its own event). Listed rather than the reverse so that a new event type is read, not skipped.
 */
const DEPTH_NEUTRAL: ReadonlySet<RoutingEventType> = new Set<RoutingEventType>([
  'message.received',
  'reply.created',
  'delivery.status',
  'conversation.noted',
  'follow-up.scheduled',
  'follow-up.cancelled',
  'follow-up.due',
  'sla.warning',
  'sla.breached',
  'sla.met',
  'csat.received',
  'command.rejected',
]);

/**
 * Whether a batch may have changed a queue's depth: reading the depths scans every held contact, so the
 * commonest batches (messages in, replies out) skip it.
 */
export function mayChangeDepth(events: readonly RoutingEventV1[]): boolean {
  return events.some((e) => !DEPTH_NEUTRAL.has(e.type));
}
