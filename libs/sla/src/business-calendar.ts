// A business-hours calendar, and its compiled form: for any local date, the open intervals as instants.
// Each weekly interval is one contiguous span from the instant its opening time is first reached to the
// instant its closing time is first reached, so DST shortens or lengthens it but never splits it.
import { SlaError, SlaErrorCode } from './sla.error';
import { DAY_MS, MAX_INSTANT_MS, MIN_INSTANT_MS, MINUTE_MS, type ZoneClock, zoneClock } from './zone-clock';

export interface WeeklyOpening {
  /** Day of the week: 0 Sunday ... 6 Saturday. */
  readonly day: number;
  /** Local opening time, HH:MM. */
  readonly open: string;
  /** Local closing time, HH:MM later than open; 24:00 is midnight at the end of the day. */
  readonly close: string;
}

export type BusinessCalendar = {
  /** IANA zone the weekly hours and holidays are read in. */
  readonly timeZone: string;
  readonly weekly: readonly WeeklyOpening[];
  /** Whole local dates (YYYY-MM-DD, in the calendar's zone) that are closed. */
  readonly holidays: readonly string[];
};

/** An open span [open, close) in epoch ms. */
export type OpenInterval = readonly [open: number, close: number];

export interface CompiledCalendar {
  /** Whether any weekday has open time; a calendar without it can never reach a deadline. */
  readonly hasWeeklyHours: boolean;
  /** More consecutive closed local days than this means the calendar will not open again. */
  readonly maxClosedDays: number;
  /** The local date of an instant, as days since local 1970-01-01. */
  dayOf(instant: number): number;
  /** The open intervals of a local date, in time order, none empty. */
  intervalsOn(day: number): readonly OpenInterval[];
}

type MinuteRange = readonly [open: number, close: number];

const OPEN_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const CLOSE_TIME = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MINUTES = 24 * 60;
const NO_INTERVALS: readonly OpenInterval[] = [];

/** Validates a calendar (listing every problem) and prepares it for day-by-day walks. */
export function compileCalendar(calendar: BusinessCalendar): CompiledCalendar {
  const problems: string[] = [];
  let clock: ZoneClock | undefined;
  try {
    clock = zoneClock(calendar.timeZone);
  } catch (error) {
    if (!(error instanceof SlaError)) throw error;
    problems.push(`timeZone: ${error.message}`);
  }
  const weekly = weeklyRanges(calendar.weekly, problems);
  const holidays = holidayDays(calendar.holidays, problems);
  if (clock === undefined || problems.length > 0) {
    throw new SlaError(SlaErrorCode.InvalidCalendar, `invalid business calendar: ${problems.join('; ')}`);
  }
  return compiled(clock, weekly, holidays);
}

function compiled(clock: ZoneClock, weekly: MinuteRange[][], holidays: Set<number>): CompiledCalendar {
  // Walks go day after day, so each midnight is needed twice: as one day's end and the next day's start.
  const midnights = new Map<number, number>();
  const midnight = (day: number): number => {
    let instant = midnights.get(day);
    if (instant === undefined) {
      if (midnights.size > 16) midnights.clear();
      instant = clock.instantOf(day * DAY_MS);
      midnights.set(day, instant);
    }
    return instant;
  };

  const intervalsOn = (day: number): readonly OpenInterval[] => {
    const wallMidnight = day * DAY_MS;
    if (wallMidnight < MIN_INSTANT_MS || wallMidnight > MAX_INSTANT_MS) {
      throw new SlaError(SlaErrorCode.OutOfRange, 'business hours are only computed for years 1000-9999');
    }
    const ranges = weekly[weekdayOf(day)];
    if (ranges.length === 0 || holidays.has(day)) return NO_INTERVALS;
    const start = midnight(day);
    const end = midnight(day + 1);
    // A day of exactly 24 h has no offset change (no zone changes twice in a day), so minutes add up.
    const steady = end - start === DAY_MS;
    const instantAt = (minute: number): number => {
      if (minute === 0) return start;
      if (minute === DAY_MINUTES) return end;
      return steady ? start + minute * MINUTE_MS : clock.instantOf(wallMidnight + minute * MINUTE_MS);
    };
    const intervals: OpenInterval[] = [];
    for (const [open, close] of ranges) {
      const interval: OpenInterval = [instantAt(open), instantAt(close)];
      // An interval lying wholly inside a DST gap never happens on that day.
      if (interval[1] > interval[0]) intervals.push(interval);
    }
    return intervals;
  };

  return {
    hasWeeklyHours: weekly.some((ranges) => ranges.length > 0),
    // Any week has an open weekday; only holidays, or a DST gap swallowing a short interval, can close it.
    maxClosedDays: 7 * (holidays.size + 3),
    dayOf: (instant) => Math.floor(clock.wallAt(instant) / DAY_MS),
    intervalsOn,
  };
}

/** Per weekday, the opening minutes sorted with overlapping or touching intervals merged. */
function weeklyRanges(weekly: readonly WeeklyOpening[], problems: string[]): MinuteRange[][] {
  const byDay: Array<Array<[number, number]>> = [[], [], [], [], [], [], []];
  weekly.forEach((opening, i) => {
    const { day, open, close } = opening;
    const before = problems.length;
    if (!Number.isInteger(day) || day < 0 || day > 6) problems.push(`weekly.${i}.day must be 0-6`);
    if (!OPEN_TIME.test(open)) problems.push(`weekly.${i}.open must be HH:MM (00:00-23:59)`);
    if (!CLOSE_TIME.test(close)) problems.push(`weekly.${i}.close must be HH:MM (00:01-24:00)`);
    if (problems.length > before) return;
    if (minutesOf(open) >= minutesOf(close)) {
      problems.push(`weekly.${i}.close must be later than open`);
      return;
    }
    byDay[day].push([minutesOf(open), minutesOf(close)]);
  });
  return byDay.map(mergeRanges);
}

function mergeRanges(ranges: Array<[number, number]>): MinuteRange[] {
  const merged: Array<[number, number]> = [];
  for (const [open, close] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last !== undefined && open <= last[1]) last[1] = Math.max(last[1], close);
    else merged.push([open, close]);
  }
  return merged;
}

function holidayDays(dates: readonly string[], problems: string[]): Set<number> {
  const days = new Set<number>();
  dates.forEach((date, i) => {
    const [year, month, dayOfMonth] = (DATE.exec(date) ?? []).slice(1).map(Number);
    const epochMs = year >= 1000 ? Date.UTC(year, month - 1, dayOfMonth) : NaN;
    // Date.UTC rolls 2025-02-30 over to March; only a date that survives the round trip is real.
    const valid = Number.isFinite(epochMs) && new Date(epochMs).toISOString().slice(0, 10) === date;
    if (valid) days.add(epochMs / DAY_MS);
    else problems.push(`holidays.${i} must be a real date YYYY-MM-DD`);
  });
  return days;
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** 1970-01-01 was a Thursday (4). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}
