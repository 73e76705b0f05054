import { QueueStatsV1Schema } from '@switchboard/contracts';
import { createDayTally, rollUp, type MetricFact } from '@switchboard/metrics';
import { describe, expect, it } from 'vitest';
import { buildQueueStats } from './queue-stats.builder';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const base = { tenantId: 't1', channel: 'chat' as const, at: NOW - 60_000, thresholdMs: 30_000 };

function tallyOf(facts: MetricFact[]) {
  const tally = createDayTally('UTC');
  tally.add(rollUp(facts, { timeZone: 'UTC' }), NOW);
  return tally;
}

describe('buildQueueStats', () => {
  it('reports waiting, longest wait, today’s figures per queue and every agent’s load', () => {
    const today = tallyOf([
      { kind: 'contactAnswered', ...base, queueId: 'sales', agentId: 'ana', waitMs: 10_000 },
      { kind: 'contactAnswered', ...base, queueId: 'sales', agentId: 'ana', waitMs: 50_000 },
      { kind: 'contactAbandoned', ...base, queueId: null, waitMs: 40_000 },
    ]);
    const record = buildQueueStats({
      tenantId: 't1',
      now: NOW,
      load: {
        queues: [
          { queueId: 'sales', waiting: 2, offered: 1, assigned: 3, oldestWaitingArrivedAt: NOW - 42_400 },
          { queueId: 'default', waiting: 0, offered: 0, assigned: 0, oldestWaitingArrivedAt: undefined },
        ],
        agents: [
          { agentId: 'ben', status: 'wrap-up', held: 0, capacity: 2 },
          { agentId: 'ana', status: 'available', held: 4, capacity: 5 },
        ],
      },
      today,
    });
    expect(QueueStatsV1Schema.parse(record)).toEqual(record);
    expect(record).toEqual({
      schema: 'switchboard.queue-stats.v1',
      tenantId: 't1',
      at: '2026-12-04T12:00:00.000Z',
      queues: [
        {
          queueId: 'default',
          waiting: 0,
          longestWaitMs: 0,
          serviceLevelToday: 0,
          asaTodayMs: null,
          answeredToday: 0,
          abandonedToday: 1,
        },
        {
          queueId: 'sales',
          waiting: 2,
          longestWaitMs: 42_400,
          serviceLevelToday: 0.5,
          asaTodayMs: 30_000,
          answeredToday: 2,
          abandonedToday: 0,
        },
      ],
      agents: [
        { agentId: 'ana', status: 'available', load: 4, capacity: 5 },
        { agentId: 'ben', status: 'wrap_up', load: 0, capacity: 2 },
      ],
    });
  });
});
