import { describe, expect, it } from 'vitest';
import type { BusinessCalendar, WeeklyOpening } from './business-calendar';
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time';
import { SlaError, SlaErrorCode } from './sla.error';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const iso = (instant: number): string => new Date(instant).toISOString();
const codeOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error instanceof SlaError ? error.code : error;
  }
  return undefined;
};

const hours = (days: number[], open: string, close: string): WeeklyOpening[] =>
  days.map((day) => ({ day, open, close }));
const calendar = (timeZone: string, weekly: WeeklyOpening[], holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  weekly,
  holidays,
});
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

describe('addBusinessTime', () => {
  const lisbon = calendar('Europe/Lisbon', hours(WEEKDAYS, '08:00', '20:00'));

  it('carries Friday evening work over the weekend', () => {
    // Friday 19:30 + 1 h with Mon-Fri 08-20 -> Monday 08:30.
    expect(iso(addBusinessTime(at('2024-06-07T19:30:00+01:00'), HOUR, lisbon))).toBe(
      iso(at('2024-06-10T08:30:00+01:00')),
    );
  });

  it('skips holidays as whole local dates', () => {
    const withPortugalDay = { ...lisbon, holidays: ['2024-06-10'] };
    expect(iso(addBusinessTime(at('2024-06-07T19:30:00+01:00'), HOUR, withPortugalDay))).toBe(
      iso(at('2024-06-11T08:30:00+01:00')),
    );
  });

  it('starts the clock at the next opening when started while closed', () => {
    expect(iso(addBusinessTime(at('2024-06-08T10:00:00+01:00'), 2 * HOUR, lisbon))).toBe(
      iso(at('2024-06-10T10:00:00+01:00')),
    );
    expect(addBusinessTime(at('2024-06-08T10:00:00+01:00'), 0, lisbon)).toBe(at('2024-06-10T08:00:00+01:00'));
    expect(addBusinessTime(at('2024-06-10T10:00:00+01:00'), 0, lisbon)).toBe(at('2024-06-10T10:00:00+01:00'));
  });

  it('counts a Saturday half day', () => {
    const shop = calendar('Europe/Lisbon', [
      ...hours(WEEKDAYS, '09:00', '17:00'),
      ...hours([6], '09:00', '13:00'),
    ]);
    expect(iso(addBusinessTime(at('2024-06-07T16:00:00+01:00'), 3 * HOUR, shop))).toBe(
      iso(at('2024-06-08T11:00:00+01:00')),
    );
    expect(iso(addBusinessTime(at('2024-06-08T12:00:00+01:00'), 2 * HOUR, shop))).toBe(
      iso(at('2024-06-10T10:00:00+01:00')),
    );
  });

  it('runs through several intervals in a day', () => {
    const lunchBreak = calendar('Europe/Lisbon', [
      ...hours(WEEKDAYS, '09:00', '12:00'),
      ...hours(WEEKDAYS, '13:00', '17:00'),
    ]);
    expect(iso(addBusinessTime(at('2024-06-10T11:00:00+01:00'), 2 * HOUR, lunchBreak))).toBe(
      iso(at('2024-06-10T14:00:00+01:00')),
    );
  });

  it('ends exactly on a closing time rather than at the next opening', () => {
    expect(addBusinessTime(at('2024-06-10T19:00:00+01:00'), HOUR, lisbon)).toBe(
      at('2024-06-10T20:00:00+01:00'),
    );
  });

  it('treats 24:00 as midnight, contiguous with a 00:00 opening', () => {
    const lateShift = calendar('Europe/Lisbon', [
      ...hours([5], '20:00', '24:00'),
      ...hours([6], '00:00', '02:00'),
    ]);
    expect(iso(addBusinessTime(at('2024-06-07T23:00:00+01:00'), 2 * HOUR, lateShift))).toBe(
      iso(at('2024-06-08T01:00:00+01:00')),
    );
    expect(isOpen(at('2024-06-08T00:00:00+01:00'), lateShift)).toBe(true);

    const fridayNight = calendar('Europe/Lisbon', hours([5], '20:00', '24:00'));
    const midnight = addBusinessTime(at('2024-06-07T23:00:00+01:00'), HOUR, fridayNight);
    expect(midnight).toBe(at('2024-06-08T00:00:00+01:00'));
    expect(isOpen(midnight, fridayNight)).toBe(false);
  });

  it('spans many weeks, counting wall-clock hours across a DST change', () => {
    const office = calendar('Europe/Lisbon', hours(WEEKDAYS, '09:00', '17:00'));
    expect(iso(addBusinessTime(at('2024-01-08T09:00:00Z'), 10 * 40 * HOUR, office))).toBe(
      iso(at('2024-03-15T17:00:00Z')),
    );
    expect(iso(addBusinessTime(at('2024-03-04T09:00:00Z'), 6 * 40 * HOUR, office))).toBe(
      iso(at('2024-04-12T17:00:00+01:00')),
    );
  });

  it('walks a very sparse calendar day by day without stepping minutes', () => {
    // One hour a week: 720 hours is the 720th Wednesday from 2024-06-12.
    const sparse = calendar('America/New_York', hours([3], '10:00', '11:00'));
    expect(iso(addBusinessTime(at('2024-06-07T14:30:00-04:00'), 720 * HOUR, sparse))).toBe(
      iso(at('2038-03-24T11:00:00-04:00')),
    );
  });

  it('adds plainly with no calendar', () => {
    expect(addBusinessTime(at('2024-06-08T10:00:00Z'), 90_000, null)).toBe(at('2024-06-08T10:01:30Z'));
  });
});

describe('DST change days', () => {
  const nineToFive = (timeZone: string): BusinessCalendar =>
    calendar(timeZone, hours(EVERY_DAY, '09:00', '17:00'));

  it.each([
    ['Europe/Lisbon', '2024-03-31', '+00:00', '+01:00'],
    ['Europe/Lisbon', '2024-10-27', '+01:00', '+00:00'],
    ['America/New_York', '2024-03-10', '-05:00', '-04:00'],
    ['America/New_York', '2024-11-03', '-04:00', '-05:00'],
  ])('%s %s: a 09:00-17:00 day is still 8 business hours', (zone, date, before, after) => {
    const dayStart = at(`${date}T00:00:00${before}`);
    const nextDay = at(`${date}T00:00:00${after}`) + 24 * HOUR;
    expect(businessTimeBetween(dayStart, nextDay, nineToFive(zone))).toBe(8 * HOUR);
    expect(iso(addBusinessTime(dayStart, 2 * HOUR, nineToFive(zone)))).toBe(
      iso(at(`${date}T11:00:00${after}`)),
    );
  });

  it.each([
    ['Europe/Lisbon', '2024-03-31T00:00:00+00:00', '2024-04-01T00:00:00+01:00', 23],
    ['Europe/Lisbon', '2024-10-27T00:00:00+01:00', '2024-10-28T00:00:00+00:00', 25],
    ['America/New_York', '2024-03-10T00:00:00-05:00', '2024-03-11T00:00:00-04:00', 23],
    ['America/New_York', '2024-11-03T00:00:00-04:00', '2024-11-04T00:00:00-05:00', 25],
    // Santiago skips midnight: the day starts at 01:00 -03.
    ['America/Santiago', '2024-09-08T01:00:00-03:00', '2024-09-09T00:00:00-03:00', 23],
    ['Australia/Lord_Howe', '2024-10-06T00:00:00+10:30', '2024-10-07T00:00:00+11:00', 23.5],
  ])('%s: a 00:00-24:00 day from %s lasts as long as the day really does', (zone, start, end, realHours) => {
    const sundayOnly = calendar(zone, hours([0], '00:00', '24:00'));
    expect(iso(nextOpening(at(start) - 12 * HOUR, sundayOnly))).toBe(iso(at(start)));
    expect(iso(addBusinessTime(at(start), realHours * HOUR, sundayOnly))).toBe(iso(at(end)));
    expect(businessTimeBetween(at(start) - 12 * HOUR, at(end) + 12 * HOUR, sundayOnly)).toBe(
      realHours * HOUR,
    );
    expect(isOpen(at(end), sundayOnly)).toBe(false);
  });

  it('opens at the jump when the opening time is skipped, and skips an interval wholly inside the gap', () => {
    // Lisbon 2024-03-31: clocks jump from 01:00 WET (01:00Z) to 02:00 WEST.
    const sundayNight = calendar('Europe/Lisbon', [
      { day: 0, open: '01:15', close: '01:45' },
      { day: 0, open: '01:50', close: '03:00' },
    ]);
    expect(iso(nextOpening(at('2024-03-30T12:00:00Z'), sundayNight))).toBe('2024-03-31T01:00:00.000Z');
    expect(businessTimeBetween(at('2024-03-31T00:00:00Z'), at('2024-03-31T12:00:00Z'), sundayNight)).toBe(
      HOUR,
    );
    expect(isOpen(at('2024-03-31T00:59:59.999Z'), sundayNight)).toBe(false);
    // The following Sunday both intervals exist: 30 + 70 minutes.
    expect(businessTimeBetween(at('2024-04-07T00:00:00Z'), at('2024-04-07T12:00:00Z'), sundayNight)).toBe(
      100 * 60_000,
    );
  });

  it('keeps an interval through repeated fall-back times contiguous, closing at the first pass', () => {
    // New York 2024-11-03: 02:00 EDT (06:00Z) becomes 01:00 EST.
    const early = calendar('America/New_York', hours([0], '00:00', '01:30'));
    const late = calendar('America/New_York', hours([0], '01:30', '03:00'));
    const day = [at('2024-11-03T00:00:00-04:00'), at('2024-11-04T00:00:00-05:00')] as const;
    expect(businessTimeBetween(...day, early)).toBe(1.5 * HOUR);
    expect(businessTimeBetween(...day, late)).toBe(2.5 * HOUR);
    expect(isOpen(at('2024-11-03T01:15:00-05:00'), early)).toBe(false);
    expect(isOpen(at('2024-11-03T01:15:00-05:00'), late)).toBe(true);
  });

  it('handles Santiago falling back across midnight', () => {
    // 2024-04-07 00:00 -03 becomes Saturday 23:00 -04, so Saturday 23:00-24:00 happens twice.
    const weekend = calendar('America/Santiago', [
      ...hours([6], '22:00', '24:00'),
      ...hours([0], '00:00', '02:00'),
    ]);
    const saturdayNight = at('2024-04-06T22:00:00-03:00');
    expect(iso(addBusinessTime(saturdayNight, 3 * HOUR, weekend))).toBe(iso(at('2024-04-07T00:00:00-04:00')));
    expect(isOpen(at('2024-04-06T23:30:00-04:00'), weekend)).toBe(true);
    expect(businessTimeBetween(saturdayNight, at('2024-04-07T12:00:00-04:00'), weekend)).toBe(5 * HOUR);
  });
});

describe('isOpen and nextOpening', () => {
  const holidayNewYork = calendar('America/New_York', hours(EVERY_DAY, '00:00', '24:00'), ['2024-07-04']);

  it('reads holidays in the calendar zone, not in UTC', () => {
    expect(isOpen(at('2024-07-04T02:00:00Z'), holidayNewYork)).toBe(true); // 22:00 on July 3 in New York
    expect(isOpen(at('2024-07-04T05:00:00Z'), holidayNewYork)).toBe(false);
    expect(iso(nextOpening(at('2024-07-04T05:00:00Z'), holidayNewYork))).toBe(
      iso(at('2024-07-05T00:00:00-04:00')),
    );
  });

  it('includes the opening instant and excludes the closing one', () => {
    const office = calendar('Asia/Kathmandu', hours(WEEKDAYS, '09:00', '17:00'));
    expect(isOpen(at('2024-06-10T09:00:00+05:45'), office)).toBe(true);
    expect(isOpen(at('2024-06-10T16:59:59.999+05:45'), office)).toBe(true);
    expect(isOpen(at('2024-06-10T17:00:00+05:45'), office)).toBe(false);
    expect(nextOpening(at('2024-06-10T17:00:00+05:45'), office)).toBe(at('2024-06-11T09:00:00+05:45'));
  });

  it('is always open with no calendar', () => {
    expect(isOpen(0, null)).toBe(true);
    expect(nextOpening(123, null)).toBe(123);
    expect(businessTimeBetween(1_000, 61_000, null)).toBe(60_000);
    expect(businessTimeBetween(61_000, 1_000, null)).toBe(0);
  });
});

describe('calendars that never open', () => {
  const closed = calendar('Europe/Lisbon', []);

  it('throws a coded error instead of looping or returning Infinity', () => {
    const start = at('2024-06-10T10:00:00Z');
    expect(codeOf(() => addBusinessTime(start, HOUR, closed))).toBe(SlaErrorCode.CalendarNeverOpen);
    expect(codeOf(() => nextOpening(start, closed))).toBe(SlaErrorCode.CalendarNeverOpen);
  });

  it('still opens after a year of holidays', () => {
    const mondays = Array.from({ length: 52 }, (_, week) =>
      iso(at('2024-06-10T12:00:00Z') + week * 7 * 24 * HOUR),
    );
    const mondaysOnly = calendar(
      'Europe/Lisbon',
      hours([1], '09:00', '10:00'),
      mondays.map((d) => d.slice(0, 10)),
    );
    expect(iso(nextOpening(at('2024-06-09T12:00:00Z'), mondaysOnly))).toBe(
      iso(at('2025-06-09T09:00:00+01:00')),
    );
  });

  it('is simply closed for isOpen and businessTimeBetween', () => {
    expect(isOpen(at('2024-06-10T10:00:00Z'), closed)).toBe(false);
    expect(businessTimeBetween(at('2024-06-10T10:00:00Z'), at('2024-07-10T10:00:00Z'), closed)).toBe(0);
  });
});

describe('bad input', () => {
  const lisbon = calendar('Europe/Lisbon', hours(WEEKDAYS, '08:00', '20:00'));

  it('rejects a malformed calendar, listing every problem', () => {
    const bad = calendar(
      'Europe/Atlantis',
      [
        { day: 7, open: '09:00', close: '17:00' },
        { day: 1, open: '9:00', close: '24:30' },
        { day: 2, open: '17:00', close: '09:00' },
      ],
      ['2025-02-30'],
    );
    let caught: unknown;
    try {
      isOpen(0, bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: SlaErrorCode.InvalidCalendar });
    const message = (caught as Error).message;
    for (const part of [
      'timeZone',
      'weekly.0.day',
      'weekly.1.open',
      'weekly.1.close',
      'weekly.2.close',
      'holidays.0',
    ]) {
      expect(message).toContain(part);
    }
  });

  it('rejects negative or non-finite durations and instants, and years past 9999', () => {
    expect(codeOf(() => addBusinessTime(0, -1, lisbon))).toBe(SlaErrorCode.InvalidArgument);
    expect(codeOf(() => addBusinessTime(0, Number.POSITIVE_INFINITY, null))).toBe(
      SlaErrorCode.InvalidArgument,
    );
    expect(codeOf(() => isOpen(Number.NaN, lisbon))).toBe(SlaErrorCode.InvalidArgument);
    expect(codeOf(() => businessTimeBetween(0, Number.NaN, null))).toBe(SlaErrorCode.InvalidArgument);
    expect(codeOf(() => addBusinessTime(Date.UTC(9999, 11, 30), 30 * 24 * HOUR, lisbon))).toBe(
      SlaErrorCode.OutOfRange,
    );
  });
});
