import { describe, expect, it } from 'vitest';
import { SlaError, SlaErrorCode } from '../sla.error';
import { type ScheduledTimer, TimerQueue } from './timer-queue';

const keysOf = (timers: readonly ScheduledTimer[]): string[] => timers.map((t) => `${t.tenantId}/${t.key}`);

describe('TimerQueue', () => {
  it('takes due timers earliest first, equal due times by tenant then key', () => {
    const q = new TimerQueue();
    q.schedule('t2', 'a', 50);
    q.schedule('t1', 'b', 50);
    q.schedule('t1', 'a', 50);
    q.schedule('t9', 'z', 10);
    q.schedule('t0', 'late', 60);
    expect(q.nextDueAt()).toBe(10);
    expect(keysOf(q.takeDue(55))).toEqual(['t9/z', 't1/a', 't1/b', 't2/a']);
    expect(q.size).toBe(1);
    expect(q.nextDueAt()).toBe(60);
  });

  it('returns nothing before the due time and the timer at exactly its due time', () => {
    const q = new TimerQueue();
    q.schedule('t', 'k', 100);
    expect(q.takeDue(99)).toEqual([]);
    expect(q.takeDue(100)).toEqual([{ tenantId: 't', key: 'k', dueAt: 100 }]);
    expect(q.size).toBe(0);
    expect(q.nextDueAt()).toBeUndefined();
  });

  it('reschedules a key earlier or later instead of adding a second timer', () => {
    const q = new TimerQueue();
    q.schedule('t', 'early', 500);
    q.schedule('t', 'late', 100);
    q.schedule('t', 'other', 300);
    q.schedule('t', 'early', 50);
    q.schedule('t', 'late', 900);
    expect(q.size).toBe(3);
    expect(q.dueAt('t', 'late')).toBe(900);
    expect(q.takeDue(1_000).map((t) => [t.key, t.dueAt])).toEqual([
      ['early', 50],
      ['other', 300],
      ['late', 900],
    ]);
  });

  it('cancels a timer, and says whether there was one', () => {
    const q = new TimerQueue();
    q.schedule('t', 'a', 10);
    q.schedule('t', 'b', 20);
    expect(q.cancel('t', 'a')).toBe(true);
    expect(q.cancel('t', 'a')).toBe(false);
    expect(q.cancel('other', 'b')).toBe(false);
    expect(keysOf(q.takeDue(100))).toEqual(['t/b']);
    expect(q.tenantCount).toBe(0);
  });

  it('honours the batch limit and resumes where it stopped', () => {
    const q = new TimerQueue();
    for (let i = 0; i < 10; i++) q.schedule('t', `k${i}`, i);
    expect(q.takeDue(100, 4).map((t) => t.dueAt)).toEqual([0, 1, 2, 3]);
    expect(q.takeDue(100, 4).map((t) => t.dueAt)).toEqual([4, 5, 6, 7]);
    expect(q.takeDue(100, 4).map((t) => t.dueAt)).toEqual([8, 9]);
  });

  it.each([
    ['a small tenant in a large queue (removed one by one)', 5, 2_000],
    ['a tenant holding most of the queue (filtered and heapified)', 2_000, 5],
  ])('drops %s and keeps the others in order', (_label, dropped, kept) => {
    const q = new TimerQueue();
    for (let i = 0; i < dropped; i++) q.schedule('gone', `k${i}`, (i * 7919) % 1_000);
    for (let i = 0; i < kept; i++) q.schedule('stays', `k${i}`, (i * 104_729) % 1_000);
    expect(q.dropTenant('gone')).toBe(dropped);
    expect(q.dropTenant('gone')).toBe(0);
    expect(q.size).toBe(kept);
    expect(q.tenantSize('gone')).toBe(0);
    const taken = q.takeDue(Infinity);
    expect(taken).toHaveLength(kept);
    expect(taken.every((t) => t.tenantId === 'stays')).toBe(true);
    const dues = taken.map((t) => t.dueAt);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });

  it('reuses the slots of fired, cancelled and dropped timers', () => {
    const q = new TimerQueue();
    q.schedule('a', 'x', 1);
    q.schedule('b', 'y', 2);
    q.takeDue(1);
    q.dropTenant('b');
    q.schedule('c', 'z', 3);
    q.schedule('c', 'w', 4);
    expect(q.dueAt('a', 'x')).toBeUndefined();
    expect(keysOf(q.takeDue(10))).toEqual(['c/z', 'c/w']);
  });

  it.each([
    ['into an empty queue (heapified)', 0],
    ['into a large queue (sifted in one by one)', 5_000],
  ])('bulk-loads %s, later entries replacing earlier ones', (_label, existing) => {
    const q = new TimerQueue();
    for (let i = 0; i < existing; i++) q.schedule('old', `k${i}`, 1_000 + i);
    q.schedule('t', 'moved', 5);
    q.scheduleMany([
      { tenantId: 't', key: 'b', dueAt: 30 },
      { tenantId: 't', key: 'a', dueAt: 20 },
      { tenantId: 't', key: 'b', dueAt: 10 },
      { tenantId: 't', key: 'moved', dueAt: 40 },
    ]);
    expect(q.size).toBe(existing + 3);
    expect(q.takeDue(999).map((t) => [t.key, t.dueAt])).toEqual([
      ['b', 10],
      ['a', 20],
      ['moved', 40],
    ]);
  });

  it('accepts any iterable in scheduleMany', () => {
    const q = new TimerQueue();
    function* rows(): Generator<ScheduledTimer> {
      yield { tenantId: 't', key: 'a', dueAt: 2 };
      yield { tenantId: 't', key: 'b', dueAt: 1 };
    }
    q.scheduleMany(rows());
    expect(keysOf(q.takeDue(5))).toEqual(['t/b', 't/a']);
  });

  it('refuses a non-finite due time with a coded error, and a bad bulk entry changes nothing', () => {
    const q = new TimerQueue();
    q.schedule('t', 'kept', 1);
    for (const bad of [NaN, Infinity, -Infinity]) {
      expect(() => q.schedule('t', 'k', bad)).toThrow(SlaError);
    }
    let thrown: unknown;
    try {
      q.scheduleMany([
        { tenantId: 't', key: 'ok', dueAt: 5 },
        { tenantId: 't', key: 'kept', dueAt: NaN },
      ]);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(SlaError);
    expect((thrown as SlaError).code).toBe(SlaErrorCode.InvalidArgument);
    expect(q.size).toBe(1);
    expect(q.dueAt('t', 'kept')).toBe(1);
  });

  it('refuses a NaN clock or a batch limit below one', () => {
    const q = new TimerQueue();
    expect(() => q.takeDue(NaN)).toThrow(SlaError);
    expect(() => q.takeDue(0, 0)).toThrow(SlaError);
  });
});
