import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FAR, type Fired, type Op, opArb, T0, TimerModel, timersOf } from '../testing/timer-ops.fixtures';
import { MAX_TIMER_DELAY_MS, TimerDriver } from './timer-driver';

// The same law on vitest's fake timers (Node's semantics, 0 ms timers included), with a handler that
// answers each batch at random: returns, resolves a promise, throws or rejects. A failed batch still
// counts as delivered once (its timers were taken), and nothing settles late, so the exact-time check
// holds; every failure is logged once.
type Answer = 'return' | 'resolve' | 'throw' | 'reject';
const answerArb = fc.constantFrom<Answer>('return', 'resolve', 'throw', 'reject');

async function run(ops: readonly Op[], answers: readonly Answer[]): Promise<void> {
  vi.useFakeTimers({ now: T0 });
  const fired: Fired[] = [];
  let failures = 0;
  let logged = 0;
  let call = 0;
  const driver = new TimerDriver({
    now: () => Date.now(),
    host: { setTimeout: (cb, ms) => setTimeout(cb, ms), clearTimeout: (h) => clearTimeout(h as number) },
    logger: { error: () => void logged++ },
    onDue: (batch, firedAt) => {
      for (const t of batch) fired.push({ ...t, firedAt });
      const answer = answers[call++ % answers.length];
      if (answer === 'throw' || answer === 'reject') failures++;
      if (answer === 'throw') throw new Error('handler threw');
      if (answer === 'reject') return Promise.reject(new Error('handler rejected'));
      return answer === 'resolve' ? Promise.resolve() : undefined;
    },
    batchSize: 2,
    // No yield between batches here: Node (and so the fake timers) turn the yield's 0 ms into 1 ms, which
    // would defeat the exact-time check. The virtual-host property covers yields.
    batchesPerWake: 1_000,
  });
  const model = new TimerModel();
  const advance = async (ms: number): Promise<void> => {
    const target = Date.now() + ms;
    fired.length = 0;
    await vi.advanceTimersByTimeAsync(ms);
    model.expectFired(fired, target);
  };
  for (const op of ops) {
    const now = Date.now();
    switch (op.op) {
      case 'schedule':
        driver.schedule(op.tenantId, op.key, now + op.offset);
        break;
      case 'scheduleMany':
        driver.scheduleMany(timersOf(op, now));
        break;
      case 'cancel':
        driver.cancel(op.tenantId, op.key);
        break;
      case 'dropTenant':
        driver.dropTenant(op.tenantId);
        break;
      case 'advance':
        await advance(op.ms);
        break;
    }
    if (op.op !== 'advance') model.apply(op, now);
    expect(vi.getTimerCount()).toBe(model.size > 0 ? 1 : 0);
  }
  await advance(FAR + MAX_TIMER_DELAY_MS);
  expect(model.size).toBe(0);
  expect(logged).toBe(failures);
  await driver.stop();
}

afterEach(() => vi.useRealTimers());

describe('TimerDriver with promise-returning and failing handlers (property)', () => {
  it('fires exactly the live timers, once each, at their due time, and logs every failure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 40 }),
        fc.array(answerArb, { minLength: 1, maxLength: 8 }),
        (ops, answers) => run(ops, answers),
      ),
      { numRuns: 150 },
    );
  });
});
