import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY_MS, type TimerDriverOptions, TimerDriver, type TimerHost } from './timer-driver';
import type { ScheduledTimer } from './timer-queue';

// The driver over vitest's fake timers, which behave like Node's (a delay above 2^31-1 ms becomes 1 ms).
// Each firing is recorded with the clock, so "not before, not after" is one equality and no test waits
// to see that nothing happened.
const T0 = Date.UTC(2026, 0, 5, 9);

interface Firing {
  readonly tenantId: string;
  readonly key: string;
  readonly dueAt: number;
  readonly at: number;
}

const host: TimerHost = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function makeDriver(overrides: Partial<TimerDriverOptions> = {}): {
  driver: TimerDriver;
  firings: Firing[];
  batches: number[];
  errors: Record<string, unknown>[];
} {
  const firings: Firing[] = [];
  const batches: number[] = [];
  const errors: Record<string, unknown>[] = [];
  const driver = new TimerDriver({
    now: () => Date.now(),
    host,
    logger: { error: (context) => errors.push(context) },
    onDue: (batch) => {
      batches.push(batch.length);
      for (const t of batch) firings.push({ ...t, at: Date.now() });
    },
    ...overrides,
  });
  return { driver, firings, batches, errors };
}

const at = (f: Firing): [string, number] => [`${f.tenantId}/${f.key}`, f.at - T0];

beforeEach(() => vi.useFakeTimers({ now: T0 }));
afterEach(() => vi.useRealTimers());

describe('TimerDriver', () => {
  it('fires each timer at its due time, earliest first, with one host timer armed', () => {
    const { driver, firings } = makeDriver();
    driver.schedule('t', 'b', T0 + 2_000);
    driver.schedule('t', 'a', T0 + 1_000);
    driver.schedule('u', 'c', T0 + 1_000);
    expect(vi.getTimerCount()).toBe(1);
    vi.runAllTimers();
    expect(firings.map(at)).toEqual([
      ['t/a', 1_000],
      ['u/c', 1_000],
      ['t/b', 2_000],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms for an earlier reschedule and holds back a later one', () => {
    const { driver, firings } = makeDriver();
    driver.schedule('t', 'earlier', T0 + 10_000);
    driver.schedule('t', 'later', T0 + 1_000);
    driver.schedule('t', 'earlier', T0 + 500);
    driver.schedule('t', 'later', T0 + 5_000);
    expect(vi.getTimerCount()).toBe(1);
    vi.runAllTimers();
    expect(firings.map(at)).toEqual([
      ['t/earlier', 500],
      ['t/later', 5_000],
    ]);
  });

  it('does not fire cancelled timers or the timers of a dropped tenant', () => {
    const { driver, firings } = makeDriver();
    driver.schedule('t', 'cancelled', T0 + 100);
    driver.schedule('t', 'kept', T0 + 300);
    driver.schedule('gone', 'a', T0 + 200);
    driver.schedule('gone', 'b', T0 + 400);
    expect(driver.cancel('t', 'cancelled')).toBe(true);
    expect(driver.dropTenant('gone')).toBe(2);
    vi.runAllTimers();
    expect(firings.map(at)).toEqual([['t/kept', 300]]);
  });

  it('disarms once cancels and drops leave nothing to fire', () => {
    const { driver } = makeDriver();
    driver.schedule('t', 'a', T0 + 100);
    driver.schedule('u', 'b', T0 + 200);
    driver.cancel('t', 'a');
    expect(vi.getTimerCount()).toBe(1);
    driver.dropTenant('u');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reaches deadlines beyond 2^31-1 ms by re-arming, never with a longer delay', () => {
    const delays: number[] = [];
    const spyHost: TimerHost = {
      setTimeout: (callback, delayMs) => {
        delays.push(delayMs);
        return host.setTimeout(callback, delayMs);
      },
      clearTimeout: host.clearTimeout,
    };
    const { driver, firings } = makeDriver({ host: spyHost });
    const far = T0 + 2 * MAX_TIMER_DELAY_MS + 12_345; // about 50 days
    driver.schedule('t', 'far', far);
    driver.schedule('t', 'near', T0 + 60_000);
    vi.runAllTimers();
    expect(firings.map(at)).toEqual([
      ['t/near', 60_000],
      ['t/far', far - T0],
    ]);
    expect(Math.max(...delays)).toBe(MAX_TIMER_DELAY_MS);
    expect(delays.length).toBeGreaterThanOrEqual(3);
  });

  it('delivers a burst of equal due times in batches, by tenant then key, none early', () => {
    const { driver, firings, batches } = makeDriver({ batchSize: 1_000, batchesPerWake: 2 });
    const due = T0 + 5_000;
    for (let i = 2_499; i >= 0; i--) driver.schedule(`t${i % 7}`, `k${String(i).padStart(4, '0')}`, due);
    vi.runAllTimers();
    expect(batches).toEqual([1_000, 1_000, 500]);
    // The third batch comes after a yield to the event loop, which Node's timers make at least 1 ms.
    expect(firings[1_999].at).toBe(due);
    expect(firings[2_000].at).toBe(due + 1);
    expect(firings.every((f) => f.at >= due)).toBe(true);
    const order = firings.map((f) => `${f.tenantId}/${f.key}`);
    expect(order).toEqual([...order].sort());
    expect(new Set(order).size).toBe(2_500);
  });

  it('keeps going after a handler throws or rejects, and logs each failure', async () => {
    const delivered: string[] = [];
    const { driver, errors } = makeDriver({
      batchSize: 1,
      onDue: (batch: readonly ScheduledTimer[]) => {
        const key = batch[0].key;
        delivered.push(key);
        if (key === 'throws') throw new Error('boom');
        if (key === 'rejects') return Promise.reject(new Error('nope'));
        return key === 'async' ? Promise.resolve() : undefined;
      },
    });
    driver.schedule('t', 'throws', T0 + 10);
    driver.schedule('t', 'rejects', T0 + 20);
    driver.schedule('t', 'async', T0 + 30);
    driver.schedule('t', 'after', T0 + 40);
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(['throws', 'rejects', 'async', 'after']);
    expect(errors.map((e) => (e.err as Error).message)).toEqual(['boom', 'nope']);
    expect(errors[0]).toMatchObject({ timers: 1, firstDueAt: T0 + 10, firstTenantId: 't' });
  });

  it('waits for an async handler before delivering the next batch', async () => {
    let release: () => void = () => undefined;
    const delivered: string[] = [];
    const { driver } = makeDriver({
      batchSize: 1,
      onDue: (batch: readonly ScheduledTimer[]) => {
        delivered.push(batch[0].key);
        return batch[0].key === 'first' ? new Promise<void>((resolve) => (release = resolve)) : undefined;
      },
    });
    driver.schedule('t', 'first', T0 + 10);
    driver.schedule('t', 'second', T0 + 20);
    await vi.advanceTimersByTimeAsync(100);
    expect(delivered).toEqual(['first']);
    release();
    await vi.runAllTimersAsync();
    expect(delivered).toEqual(['first', 'second']);
  });

  it('stops: disarms, delivers nothing more, and resolves after the batch in flight', async () => {
    let release: () => void = () => undefined;
    let settled = false;
    const { driver, firings } = makeDriver({
      onDue: () => new Promise<void>((resolve) => (release = resolve)),
    });
    driver.schedule('t', 'a', T0 + 10);
    driver.schedule('t', 'b', T0 + 20);
    await vi.advanceTimersByTimeAsync(10);
    const stopped = driver.stop().then(() => (settled = true));
    expect(settled).toBe(false);
    release();
    await stopped;
    expect(driver.stopped).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    driver.schedule('t', 'c', T0 + 30);
    expect(vi.getTimerCount()).toBe(0);
    expect(firings).toEqual([]);
  });

  it('after a restart, rebuilt from the persisted timers, fires each once and overdue ones at once', () => {
    // What the owner persists: a timer leaves the store in the same step that handles it.
    const store = new Map<string, ScheduledTimer>();
    const handled: string[] = [];
    const onDue = (batch: readonly ScheduledTimer[]): void => {
      for (const t of batch) {
        handled.push(`${t.key}@${Date.now() - T0}`);
        store.delete(`${t.tenantId}/${t.key}`);
      }
    };
    const first = makeDriver({ onDue }).driver;
    for (const [key, offset] of [
      ['a', 1_000],
      ['b', 5_000],
      ['c', 8_000],
      ['d', 60_000],
    ] as const) {
      const timer = { tenantId: 't', key, dueAt: T0 + offset };
      store.set(`t/${key}`, timer);
      first.schedule(timer.tenantId, timer.key, timer.dueAt);
    }
    vi.advanceTimersByTime(2_000);
    void first.stop(); // the process dies; b and c fall due while it is down
    vi.setSystemTime(T0 + 10_000);
    const second = makeDriver({ onDue }).driver;
    second.scheduleMany(store.values());
    vi.runAllTimers();
    expect(handled).toEqual(['a@1000', 'b@10000', 'c@10000', 'd@60000']);
    expect(store.size).toBe(0);
  });
});
