import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualTimerHost } from '../testing/manual-timer-host';
import { MAX_TIMER_DELAY_MS, TimerDriver } from './timer-driver';
import type { ScheduledTimer } from './timer-queue';

// The driver on a virtual clock against a naive model: exactly the live timers fire, each once, never
// before its due time and not after it either (the virtual host is exact), in due order within each
// advance, with one host timer at most and no delay Node would clamp. Due times reach well past 2^31 ms.
const T0 = 1_700_000_000_000;
const FAR = 3 * MAX_TIMER_DELAY_MS;
const tenantArb = fc.constantFrom('t0', 't1', 't2');
const keyArb = fc.constantFrom('a', 'b', 'c', 'd');
const offsetArb = fc.oneof(
  fc.integer({ min: -1_000, max: 5_000 }),
  fc.integer({ min: MAX_TIMER_DELAY_MS - 2, max: FAR }),
  fc.constant(0),
);
const timerArb = fc.record({ tenantId: tenantArb, key: keyArb, offset: offsetArb });

type Op =
  | { readonly op: 'schedule'; readonly tenantId: string; readonly key: string; readonly offset: number }
  | {
      readonly op: 'scheduleMany';
      readonly timers: readonly { tenantId: string; key: string; offset: number }[];
    }
  | { readonly op: 'cancel'; readonly tenantId: string; readonly key: string }
  | { readonly op: 'dropTenant'; readonly tenantId: string }
  | { readonly op: 'advance'; readonly ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: timerArb.map((t) => ({ op: 'schedule' as const, ...t })) },
  {
    weight: 1,
    arbitrary: fc
      .array(timerArb, { maxLength: 12 })
      .map((timers) => ({ op: 'scheduleMany' as const, timers })),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('cancel' as const), tenantId: tenantArb, key: keyArb }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('dropTenant' as const), tenantId: tenantArb }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: FAR })),
    }),
  },
);

interface Live {
  readonly dueAt: number;
  /** The clock when it was (re)scheduled: an overdue timer fires then. */
  readonly since: number;
}

interface Fired extends ScheduledTimer {
  readonly firedAt: number;
}

const id = (tenantId: string, key: string): string => `${tenantId}/${key}`;

function run(ops: readonly Op[]): void {
  const host = new ManualTimerHost(T0);
  const fired: Fired[] = [];
  const driver = new TimerDriver({
    now: host.now,
    host,
    logger: { error: () => undefined },
    onDue: (batch, firedAt) => {
      expect(batch.length).toBeLessThanOrEqual(3);
      for (const t of batch) fired.push({ ...t, firedAt });
    },
    batchSize: 3,
    batchesPerWake: 2,
  });
  const live = new Map<string, Live>();
  const schedule = (tenantId: string, key: string, offset: number): void => {
    live.set(id(tenantId, key), { dueAt: host.now() + offset, since: host.now() });
  };
  const advance = (ms: number): void => {
    const target = host.now() + ms;
    const expected = [...live.entries()].filter(([, t]) => t.dueAt <= target);
    fired.length = 0;
    host.advanceTo(target);
    expect(fired.map((f) => id(f.tenantId, f.key)).sort()).toEqual(expected.map(([k]) => k).sort());
    for (const f of fired) {
      const t = live.get(id(f.tenantId, f.key)) as Live;
      expect(f.dueAt).toBe(t.dueAt);
      expect(f.firedAt).toBe(Math.max(t.dueAt, t.since));
      live.delete(id(f.tenantId, f.key));
    }
    const dues = fired.map((f) => f.dueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  };
  for (const op of ops) {
    switch (op.op) {
      case 'schedule':
        driver.schedule(op.tenantId, op.key, host.now() + op.offset);
        schedule(op.tenantId, op.key, op.offset);
        break;
      case 'scheduleMany':
        driver.scheduleMany(op.timers.map((t) => ({ ...t, dueAt: host.now() + t.offset })));
        for (const t of op.timers) schedule(t.tenantId, t.key, t.offset);
        break;
      case 'cancel':
        driver.cancel(op.tenantId, op.key);
        live.delete(id(op.tenantId, op.key));
        break;
      case 'dropTenant':
        driver.dropTenant(op.tenantId);
        for (const k of [...live.keys()]) if (k.startsWith(`${op.tenantId}/`)) live.delete(k);
        break;
      case 'advance':
        advance(op.ms);
        break;
    }
    // One host timer exactly while a timer is pending (liveness), none once the queue is empty.
    expect(host.armed).toBe(live.size > 0 ? 1 : 0);
  }
  advance(FAR + MAX_TIMER_DELAY_MS);
  expect(live.size).toBe(0);
  expect(host.maxArmed).toBeLessThanOrEqual(1);
}

describe('TimerDriver (property)', () => {
  it('fires exactly the live timers, once each, at their due time, in due order', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 60 }), (ops) => run(ops)),
      { numRuns: 300 },
    );
  });
});
