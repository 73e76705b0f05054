import { QUEUE_STATS_V1, type QueueStatsV1 } from '@switchboard/contracts';
import type { OutgoingMessage } from '@switchboard/messaging';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueStatsPublisher } from './queue-stats.publisher';

const T0 = Date.parse('2026-12-04T12:00:00Z');

function setup(held: string[] = ['t1']) {
  const published: Array<{ topic: string; record: QueueStatsV1 }> = [];
  let version = 0;
  const publisher = new QueueStatsPublisher({
    bus: {
      publish: (topic: string, messages: OutgoingMessage[]) => {
        for (const m of messages)
          published.push({ topic, record: JSON.parse(String(m.value)) as QueueStatsV1 });
        return Promise.resolve();
      },
      ensureTopics: () => Promise.resolve(new Map<string, number>()),
    },
    topic: 'stats',
    partitions: 1,
    intervalMs: 1000,
    refreshMs: 5000,
    now: () => Date.now(),
    logger: pino({ level: 'silent' }),
    // Each record carries how many changes the tenant had seen, so coalescing shows in what is sent.
    snapshot: (tenantId) =>
      held.includes(tenantId)
        ? {
            schema: QUEUE_STATS_V1,
            tenantId,
            at: new Date().toISOString(),
            queues: [
              {
                queueId: 'q',
                waiting: version,
                longestWaitMs: 0,
                serviceLevelToday: null,
                asaTodayMs: null,
                answeredToday: 0,
                abandonedToday: 0,
              },
            ],
            agents: [],
          }
        : undefined,
    tenants: () => held,
    inLane: (_tenantId, work) => work(),
  });
  const change = (tenantId = 't1') => {
    version += 1;
    publisher.changed(tenantId);
  };
  const waitingSeen = () => published.map((p) => p.record.queues[0].waiting);
  return { publisher, published, change, waitingSeen, held };
}

describe('QueueStatsPublisher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('publishes the first change at once and coalesces later ones into one record per interval', async () => {
    const { publisher, change, waitingSeen, published } = setup();
    await publisher.start();
    change();
    expect(waitingSeen()).toEqual([1]);
    vi.advanceTimersByTime(200);
    change();
    change();
    change();
    expect(waitingSeen()).toEqual([1]);
    vi.advanceTimersByTime(800);
    // The three changes went out together, as of the interval's end.
    expect(waitingSeen()).toEqual([1, 4]);
    expect(published.map((p) => [p.topic, p.record.tenantId])).toEqual([
      ['stats', 't1'],
      ['stats', 't1'],
    ]);
    publisher.stop();
  });

  it('throttles each tenant on its own', async () => {
    const { publisher, change, published } = setup(['t1', 't2']);
    await publisher.start();
    change('t1');
    change('t2');
    expect(published.map((p) => p.record.tenantId)).toEqual(['t1', 't2']);
    publisher.stop();
  });

  it('refreshes every held tenant without a change, and stops for a tenant it no longer holds', async () => {
    const { publisher, published, held } = setup(['t1', 't2']);
    await publisher.start();
    vi.advanceTimersByTime(5000);
    expect(published.map((p) => p.record.tenantId)).toEqual(['t1', 't2']);
    held.splice(held.indexOf('t2'), 1);
    publisher.forget('t2');
    vi.advanceTimersByTime(5000);
    expect(published.map((p) => p.record.tenantId)).toEqual(['t1', 't2', 't1']);
    publisher.stop();
  });
});
