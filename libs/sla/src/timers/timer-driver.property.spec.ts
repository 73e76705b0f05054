import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualTimerHost } from '../testing/manual-timer-host';
import { FAR, type Fired, type Op, opArb, T0, TimerModel, timersOf } from '../testing/timer-ops.fixtures';
import { MAX_TIMER_DELAY_MS, TimerDriver } from './timer-driver';

// The driver on a virtual clock against a naive model: exactly the live timers fire, each once, never
// before its due time and not after it either (the virtual host is exact), in due order within each
// advance, with one host timer at most and no delay Node would clamp. Due times reach well past 2^31 ms.
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
  const model = new TimerModel();
  const advance = (ms: number): void => {
    const target = host.now() + ms;
    fired.length = 0;
    host.advanceTo(target);
    model.expectFired(fired, target);
  };
  for (const op of ops) {
    switch (op.op) {
      case 'schedule':
        driver.schedule(op.tenantId, op.key, host.now() + op.offset);
        break;
      case 'scheduleMany':
        driver.scheduleMany(timersOf(op, host.now()));
        break;
      case 'cancel':
        driver.cancel(op.tenantId, op.key);
        break;
      case 'dropTenant':
        driver.dropTenant(op.tenantId);
        break;
      case 'advance':
        advance(op.ms);
        break;
    }
    if (op.op !== 'advance') model.apply(op, host.now());
    // One host timer exactly while a timer is pending (liveness), none once the queue is empty.
    expect(host.armed).toBe(model.size > 0 ? 1 : 0);
  }
  advance(FAR + MAX_TIMER_DELAY_MS);
  expect(model.size).toBe(0);
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
