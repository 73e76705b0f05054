// Test-only: random operation sequences for the timer driver and a naive model of what must fire, shared
// by the property specs on the virtual host and on vitest's fake timers.
import fc from 'fast-check';
import { expect } from 'vitest';
import { MAX_TIMER_DELAY_MS } from '../timers/timer-driver';
import type { ScheduledTimer } from '../timers/timer-queue';

export const T0 = 1_700_000_000_000;
export const FAR = 3 * MAX_TIMER_DELAY_MS;
const tenantArb = fc.constantFrom('t0', 't1', 't2');
const keyArb = fc.constantFrom('a', 'b', 'c', 'd');
const offsetArb = fc.oneof(
  fc.integer({ min: -1_000, max: 5_000 }),
  fc.integer({ min: MAX_TIMER_DELAY_MS - 2, max: FAR }),
  fc.constant(0),
);
const timerArb = fc.record({ tenantId: tenantArb, key: keyArb, offset: offsetArb });

export type Op =
  | { readonly op: 'schedule'; readonly tenantId: string; readonly key: string; readonly offset: number }
  | {
      readonly op: 'scheduleMany';
      readonly timers: readonly { tenantId: string; key: string; offset: number }[];
    }
  | { readonly op: 'cancel'; readonly tenantId: string; readonly key: string }
  | { readonly op: 'dropTenant'; readonly tenantId: string }
  | { readonly op: 'advance'; readonly ms: number };

export const opArb: fc.Arbitrary<Op> = fc.oneof(
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

export interface Fired extends ScheduledTimer {
  readonly firedAt: number;
}

const id = (tenantId: string, key: string): string => `${tenantId}/${key}`;

/** The timers that must fire: what was scheduled and not since cancelled, dropped or fired. */
export class TimerModel {
  private readonly live = new Map<string, Live>();

  get size(): number {
    return this.live.size;
  }

  apply(op: Exclude<Op, { op: 'advance' }>, now: number): void {
    switch (op.op) {
      case 'schedule':
        this.live.set(id(op.tenantId, op.key), { dueAt: now + op.offset, since: now });
        return;
      case 'scheduleMany':
        for (const t of op.timers)
          this.live.set(id(t.tenantId, t.key), { dueAt: now + t.offset, since: now });
        return;
      case 'cancel':
        this.live.delete(id(op.tenantId, op.key));
        return;
      case 'dropTenant':
        for (const k of [...this.live.keys()]) if (k.startsWith(`${op.tenantId}/`)) this.live.delete(k);
        return;
    }
  }

  /**
   * Checks what fired while the clock moved to `target`: exactly the live timers due by then, each once,
   * at its due time (or when it was scheduled, if it was already overdue), in due order.
   */
  expectFired(fired: readonly Fired[], target: number): void {
    const expected = [...this.live.entries()].filter(([, t]) => t.dueAt <= target).map(([k]) => k);
    expect(fired.map((f) => id(f.tenantId, f.key)).sort()).toEqual(expected.sort());
    for (const f of fired) {
      const t = this.live.get(id(f.tenantId, f.key)) as Live;
      expect(f.dueAt).toBe(t.dueAt);
      expect(f.firedAt).toBe(Math.max(t.dueAt, t.since));
      this.live.delete(id(f.tenantId, f.key));
    }
    const dues = fired.map((f) => f.dueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  }
}

/** Absolute due times for the driver from an operation's offsets. */
export function timersOf(op: Extract<Op, { op: 'scheduleMany' }>, now: number): ScheduledTimer[] {
  return op.timers.map((t) => ({ tenantId: t.tenantId, key: t.key, dueAt: now + t.offset }));
}
