import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScheduledTimer, TimerQueue } from './timer-queue';

// The queue against a naive model (a plain Map, sorted on every take) over random operation sequences,
// with few tenants and keys so reschedules, duplicates in bulk loads and equal due times are common.
const tenantArb = fc.constantFrom('t0', 't1', 't2', 'T', '');
const keyArb = fc.constantFrom('a', 'b', 'c', 'ab', 'B');
const dueArb = fc.integer({ min: -50, max: 200 });
const timerArb = fc.record({ tenantId: tenantArb, key: keyArb, dueAt: dueArb });

type Op =
  | { readonly op: 'schedule'; readonly timer: ScheduledTimer }
  | { readonly op: 'scheduleMany'; readonly timers: readonly ScheduledTimer[] }
  | { readonly op: 'cancel'; readonly tenantId: string; readonly key: string }
  | { readonly op: 'dropTenant'; readonly tenantId: string }
  | { readonly op: 'takeDue'; readonly now: number; readonly limit: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: timerArb.map((timer) => ({ op: 'schedule' as const, timer })) },
  {
    weight: 1,
    arbitrary: fc
      .array(timerArb, { maxLength: 30 })
      .map((timers) => ({ op: 'scheduleMany' as const, timers })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('cancel' as const), tenantId: tenantArb, key: keyArb }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropTenant' as const), tenantId: tenantArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('takeDue' as const),
      now: dueArb,
      limit: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(Infinity)),
    }),
  },
);

const id = (tenantId: string, key: string): string => JSON.stringify([tenantId, key]);

function modelTake(model: Map<string, ScheduledTimer>, now: number, limit: number): ScheduledTimer[] {
  const due = [...model.values()]
    .filter((t) => t.dueAt <= now)
    .sort((a, b) => a.dueAt - b.dueAt || cmp(a.tenantId, b.tenantId) || cmp(a.key, b.key))
    .slice(0, limit);
  for (const t of due) model.delete(id(t.tenantId, t.key));
  return due;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function apply(q: TimerQueue, model: Map<string, ScheduledTimer>, op: Op): void {
  switch (op.op) {
    case 'schedule':
      q.schedule(op.timer.tenantId, op.timer.key, op.timer.dueAt);
      model.set(id(op.timer.tenantId, op.timer.key), op.timer);
      return;
    case 'scheduleMany':
      q.scheduleMany(op.timers);
      for (const t of op.timers) model.set(id(t.tenantId, t.key), t);
      return;
    case 'cancel':
      expect(q.cancel(op.tenantId, op.key)).toBe(model.delete(id(op.tenantId, op.key)));
      return;
    case 'dropTenant': {
      const mine = [...model.values()].filter((t) => t.tenantId === op.tenantId);
      for (const t of mine) model.delete(id(t.tenantId, t.key));
      expect(q.dropTenant(op.tenantId)).toBe(mine.length);
      return;
    }
    case 'takeDue':
      expect(q.takeDue(op.now, op.limit)).toEqual(modelTake(model, op.now, op.limit));
      return;
  }
}

describe('TimerQueue (property)', () => {
  it('behaves like the naive model for any operation sequence', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 80 }), (ops) => {
        const q = new TimerQueue();
        const model = new Map<string, ScheduledTimer>();
        for (const op of ops) {
          apply(q, model, op);
          expect(q.size).toBe(model.size);
          const dues = [...model.values()].map((t) => t.dueAt);
          expect(q.nextDueAt()).toBe(dues.length === 0 ? undefined : Math.min(...dues));
        }
        expect(q.takeDue(Infinity)).toEqual(modelTake(model, Infinity, Infinity));
      }),
      { numRuns: 400 },
    );
  });
});
