import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createQueueDepthTracker } from './queue-depth.tracker';

const T0 = Date.parse('2026-12-04T09:00:00Z');
const MIN = 60_000;

describe('createQueueDepthTracker', () => {
  it('closes a queue span when its depth changes, and marks the new depth at once', () => {
    const tracker = createQueueDepthTracker('t1');
    tracker.restore(T0, [{ queueId: 'sales', waiting: 2 }]);
    expect(tracker.observe(T0 + 5 * MIN, [{ queueId: 'sales', waiting: 3 }])).toEqual([
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: null, start: T0, ms: 5 * MIN, depth: 2 },
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: null, start: T0 + 5 * MIN, ms: 0, depth: 3 },
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: 'sales', start: T0, ms: 5 * MIN, depth: 2 },
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: 'sales', start: T0 + 5 * MIN, ms: 0, depth: 3 },
    ]);
  });

  it('writes nothing for queues whose depth did not change', () => {
    const tracker = createQueueDepthTracker('t1');
    tracker.restore(T0, [
      { queueId: 'sales', waiting: 2 },
      { queueId: 'support', waiting: 1 },
    ]);
    const facts = tracker.observe(T0 + MIN, [
      { queueId: 'sales', waiting: 1 },
      { queueId: 'support', waiting: 2 },
    ]);
    // The total stays 3, so only the two queues' spans close.
    expect(facts.filter((f) => f.queueId === null)).toEqual([]);
    expect(facts.filter((f) => f.ms > 0).map((f) => [f.queueId, f.depth])).toEqual([
      ['sales', 2],
      ['support', 1],
    ]);
  });

  it('counts the default queue in the tenant total only, and a removed queue as emptied', () => {
    const tracker = createQueueDepthTracker('t1');
    tracker.restore(T0, [
      { queueId: null, waiting: 4 },
      { queueId: 'sales', waiting: 1 },
    ]);
    const facts = tracker.observe(T0 + MIN, [{ queueId: null, waiting: 4 }]);
    expect(facts).toEqual([
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: null, start: T0, ms: MIN, depth: 5 },
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: null, start: T0 + MIN, ms: 0, depth: 4 },
      { kind: 'queueDepthSpan', tenantId: 't1', queueId: 'sales', start: T0, ms: MIN, depth: 1 },
    ]);
  });

  it('flush closes and reopens held spans at the boundary', () => {
    const tracker = createQueueDepthTracker('t1');
    tracker.restore(T0, [{ queueId: 'sales', waiting: 2 }]);
    expect(tracker.flush(T0 + 15 * MIN).map((f) => [f.queueId, f.start, f.ms, f.depth])).toEqual([
      [null, T0, 15 * MIN, 2],
      ['sales', T0, 15 * MIN, 2],
    ]);
    const later = tracker.observe(T0 + 20 * MIN, [{ queueId: 'sales', waiting: 0 }]);
    expect(later.map((f) => [f.queueId, f.start, f.ms, f.depth])).toEqual([
      [null, T0 + 15 * MIN, 5 * MIN, 2],
      ['sales', T0 + 15 * MIN, 5 * MIN, 2],
    ]);
  });

  it('accounts for exactly depth × time of every queue from the restore to the last batch', () => {
    const queues = ['a', 'b', null] as const;
    const step = fc.record({
      gap: fc.integer({ min: 0, max: 40 * MIN }),
      flush: fc.boolean(),
      depths: fc.tuple(fc.nat({ max: 5 }), fc.nat({ max: 5 }), fc.nat({ max: 5 })),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const tracker = createQueueDepthTracker('t1');
        tracker.restore(T0, []);
        const expected = new Map<string | null, number>();
        let now = T0;
        let current = [0, 0, 0];
        const facts = [];
        for (const s of steps) {
          current.forEach((d, i) => {
            const key = queues[i] ?? null;
            if (key !== null) expected.set(key, (expected.get(key) ?? 0) + d * s.gap);
          });
          const total = current.reduce((a, b) => a + b, 0);
          expected.set(null, (expected.get(null) ?? 0) + total * s.gap);
          if (s.flush) facts.push(...tracker.flush(now + Math.floor(s.gap / 2)));
          now += s.gap;
          current = [...s.depths];
          facts.push(
            ...tracker.observe(
              now,
              queues.map((queueId, i) => ({ queueId, waiting: current[i] ?? 0 })),
            ),
          );
        }
        facts.push(...tracker.flush(now));
        for (const key of [null, 'a', 'b']) {
          const sum = facts.filter((f) => f.queueId === key).reduce((acc, f) => acc + f.depth * f.ms, 0);
          expect(sum).toBe(expected.get(key) ?? 0);
        }
      }),
    );
  });
});
