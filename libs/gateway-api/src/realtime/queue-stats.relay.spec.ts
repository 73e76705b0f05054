import type { AppConfig } from '@switchboard/config';
import { QUEUE_STATS_V1, type ConsoleEvent } from '@switchboard/contracts';
import type { Bus } from '@switchboard/messaging';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ConsoleStreams } from './console-stream.service';
import { QueueStatsRelay } from './queue-stats.relay';

const row = (queueId: string) => ({
  queueId,
  waiting: 1,
  longestWaitMs: 1_000,
  serviceLevelToday: null,
  asaTodayMs: null,
  answeredToday: 0,
  abandonedToday: 0,
});
const record = (value: unknown) => ({ messages: [{ value: Buffer.from(JSON.stringify(value)) }] }) as never;

function setup() {
  const pushes: Array<{ event: ConsoleEvent; rooms: readonly string[] }> = [];
  const streams = { push: (event: ConsoleEvent, rooms: readonly string[]) => pushes.push({ event, rooms }) };
  const relay = new QueueStatsRelay(
    {} as Bus,
    {} as AppConfig,
    streams as unknown as ConsoleStreams,
    pino({ level: 'silent' }),
  );
  return { relay, pushes };
}

describe('QueueStatsRelay', () => {
  it("pushes every row to the tenant's supervisors and each queue's row to its watchers, with seq null", async () => {
    const { relay, pushes } = setup();
    const at = '2026-12-05T10:00:00.000Z';
    await relay.receive(
      record({ schema: QUEUE_STATS_V1, tenantId: 't1', at, queues: [row('q1'), row('q2')], agents: [] }),
    );
    expect(
      pushes.map(({ rooms, event }) => [
        rooms,
        event.type === 'queue.stats' && event.queues.map((q) => q.queueId),
      ]),
    ).toEqual([
      [['t:t1:console:tenant'], ['q1', 'q2']],
      [['t:t1:console:queue:q1'], ['q1']],
      [['t:t1:console:queue:q2'], ['q2']],
    ]);
    expect(pushes[0].event).toMatchObject({ type: 'queue.stats', tenantId: 't1', seq: null, at });
  });

  it('skips records that are not JSON or not queue stats', async () => {
    const { relay, pushes } = setup();
    await relay.receive({ messages: [{ value: Buffer.from('{') }] } as never);
    await relay.receive(record({ schema: QUEUE_STATS_V1, tenantId: 't1' }));
    expect(pushes).toEqual([]);
  });
});
