import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, WeeklyOpening } from '../business-calendar';
import { brief, fold, MINUTE, slaOf } from '../testing/clock.fixtures';

// Every clock counts business time only: DST changes, holidays and split days, in two zones.
const HOUR = 60 * MINUTE;
const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number): string => new Date(instant).toISOString();
const hours = (days: number[], open: string, close: string): WeeklyOpening[] =>
  days.map((day) => ({ day, open, close }));
const WEEKDAYS = [1, 2, 3, 4, 5];
const calendar = (timeZone: string, weekly: WeeklyOpening[], holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  weekly,
  holidays,
});

describe('clocks on business hours', () => {
  const lisbonOffice = calendar('Europe/Lisbon', hours(WEEKDAYS, '09:00', '17:00'));

  it('Europe/Lisbon: runs over the spring-forward weekend into summer time', () => {
    // Friday 2024-03-29 16:00 WET, 2 h target: 1 h on Friday, 1 h on Monday 2024-04-01 (WEST, +01:00).
    const sla = slaOf({ firstResponse: 2 * HOUR, calendar: lisbonOffice });
    const opened = fold([{ type: 'opened', at: at('2024-03-29T16:00:00Z'), sla }]);
    expect(iso(opened.wakeAt ?? 0)).toBe(iso(at('2024-04-01T09:30:00+01:00')));
    const { outcomes } = fold([{ type: 'tick', at: at('2024-04-01T12:00:00+01:00') }], opened.state);
    expect(brief(outcomes)).toEqual([
      `warning firstResponse#1 ${iso(at('2024-04-01T09:30:00+01:00'))}`,
      `breached firstResponse#1 ${iso(at('2024-04-01T10:00:00+01:00'))}`,
    ]);
    expect(outcomes.map((o) => o.elapsedMs)).toEqual([90 * MINUTE, 2 * HOUR]);
  });

  it('America/New_York: a round-the-clock Sunday lasts 25 hours when the clocks fall back', () => {
    const sundays = calendar('America/New_York', hours([0], '00:00', '24:00'));
    const sla = slaOf({ resolution: 24 * HOUR, calendar: sundays });
    const { outcomes } = fold([
      { type: 'opened', at: at('2024-11-03T00:00:00-04:00'), sla },
      { type: 'tick', at: at('2024-11-04T12:00:00-05:00') },
    ]);
    // 24 business hours end at 23:00 local (EST), not at midnight.
    expect(outcomes.at(-1)).toMatchObject({ kind: 'breached', at: at('2024-11-03T23:00:00-05:00') });
  });

  it('America/New_York: a pause spanning spring-forward moves the deadline by business time only', () => {
    const office = calendar('America/New_York', hours(WEEKDAYS, '09:00', '17:00'));
    const sla = slaOf({ resolution: 4 * HOUR, calendar: office });
    const { wakeAt, state } = fold([
      { type: 'opened', at: at('2024-03-08T15:00:00-05:00'), sla },
      { type: 'waitingOnCustomer', at: at('2024-03-08T16:00:00-05:00') },
      // The customer answers on Sunday, after the change to EDT: the clock resumes at Monday's opening.
      { type: 'customerMessage', at: at('2024-03-10T12:00:00-04:00') },
    ]);
    expect(state.runs.resolution?.elapsedBeforeMs).toBe(HOUR);
    // 3 h left from Monday 09:00 EDT: warning at 75 % (3 h elapsed) is Monday 11:00, deadline 12:00.
    expect(iso(wakeAt ?? 0)).toBe(iso(at('2024-03-11T11:00:00-04:00')));
    expect(state.runs.resolution?.deadline).toBe(at('2024-03-11T12:00:00-04:00'));
  });

  it('skips holidays as whole local dates', () => {
    const withPortugalDay = { ...lisbonOffice, holidays: ['2024-06-10'] };
    const sla = slaOf({ firstResponse: HOUR, calendar: withPortugalDay });
    const { state } = fold([{ type: 'opened', at: at('2024-06-07T16:30:00+01:00'), sla }]);
    expect(iso(state.runs.firstResponse?.deadline ?? 0)).toBe(iso(at('2024-06-11T09:30:00+01:00')));
  });

  it('runs through several opening blocks a day, pausing over lunch', () => {
    const split = calendar('Europe/Lisbon', [
      ...hours(WEEKDAYS, '09:00', '12:00'),
      ...hours(WEEKDAYS, '13:00', '17:00'),
    ]);
    const sla = slaOf({ firstResponse: HOUR, calendar: split });
    const { outcomes } = fold([
      { type: 'opened', at: at('2024-06-11T11:30:00+01:00'), sla },
      { type: 'agentReply', at: at('2024-06-11T13:20:00+01:00') },
    ]);
    expect(brief(outcomes)).toEqual([
      `warning firstResponse#1 ${iso(at('2024-06-11T13:15:00+01:00'))}`,
      `met firstResponse#1 ${iso(at('2024-06-11T13:20:00+01:00'))}`,
    ]);
    expect(outcomes[1]).toMatchObject({ elapsedMs: 50 * MINUTE, withinTarget: true });
  });

  it('starts a clock opened out of hours at the next opening', () => {
    const sla = slaOf({ firstResponse: HOUR, calendar: lisbonOffice });
    const { state } = fold([{ type: 'opened', at: at('2024-06-08T10:00:00+01:00'), sla }]);
    expect(iso(state.runs.firstResponse?.deadline ?? 0)).toBe(iso(at('2024-06-10T10:00:00+01:00')));
  });

  it('measures carried time on the old calendar and the rest on the new one after a transfer', () => {
    const newYork = calendar('America/New_York', hours(WEEKDAYS, '09:00', '17:00'));
    const from = slaOf({ policyId: 'lisbon', firstResponse: 4 * HOUR, calendar: lisbonOffice });
    const to = slaOf({ policyId: 'new-york', firstResponse: 4 * HOUR, calendar: newYork });
    const { state } = fold([
      { type: 'opened', at: at('2024-06-11T15:00:00+01:00'), sla: from },
      // Lisbon closes at 17:00 (2 h elapsed); New York opens at 09:00 EDT = 14:00 Lisbon time.
      { type: 'transferred', at: at('2024-06-11T18:00:00+01:00'), sla: to },
    ]);
    expect(state.runs.firstResponse).toMatchObject({ carriedOverMs: 2 * HOUR, policyId: 'new-york' });
    // 2 h left on New York hours from 13:00 EDT: deadline 15:00 EDT.
    expect(iso(state.runs.firstResponse?.deadline ?? 0)).toBe(iso(at('2024-06-11T15:00:00-04:00')));
  });

  it('never fires on a calendar that never opens, and does not throw', () => {
    const closed = calendar('Europe/Lisbon', []);
    const { outcomes, wakeAt } = fold([
      {
        type: 'opened',
        at: at('2024-06-11T10:00:00Z'),
        sla: slaOf({ firstResponse: HOUR, calendar: closed }),
      },
      { type: 'tick', at: at('2025-06-11T10:00:00Z') },
    ]);
    expect(outcomes).toEqual([]);
    expect(wakeAt).toBeNull();
  });
});
