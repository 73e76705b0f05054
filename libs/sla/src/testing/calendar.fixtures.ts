// Test-only helpers: random calendars near real DST transitions, and a naive reading of a calendar
// built on a different Intl path (the zone's named offset) to check the library against.
import fc from 'fast-check';
import type { BusinessCalendar, WeeklyOpening } from '../business-calendar';

export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Zones with DST at night, at midnight (Santiago falls back across it), by 30 min, or odd offsets. */
export const ZONES = [
  'UTC',
  'Europe/Lisbon',
  'America/New_York',
  'America/Santiago',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'America/St_Johns',
  'Africa/Casablanca',
  'Pacific/Chatham',
] as const;

const WINDOW_START = Date.UTC(2023, 0, 1);
const WINDOW_END = Date.UTC(2027, 0, 1);

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in ms, read from its "GMT+05:45" name rather than from wall-clock fields. */
export function namedOffset(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
  if (match === null) throw new Error(`unexpected offset name ${name}`);
  if (match[1] === undefined) return 0;
  const ms = (Number(match[2]) * 60 + Number(match[3])) * 60_000;
  return match[1] === '-' ? -ms : ms;
}

const transitionCache = new Map<string, number[]>();

/** Instants in 2023-2026 at which the zone's offset changes. */
export function transitions(timeZone: string): number[] {
  const cached = transitionCache.get(timeZone);
  if (cached !== undefined) return cached;
  const found: number[] = [];
  const step = 6 * HOUR;
  for (let t = WINDOW_START; t < WINDOW_END; t += step) {
    if (namedOffset(timeZone, t) === namedOffset(timeZone, t + step)) continue;
    let [lo, hi] = [t, t + step];
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (namedOffset(timeZone, mid) === namedOffset(timeZone, t)) lo = mid;
      else hi = mid;
    }
    found.push(hi);
  }
  transitionCache.set(timeZone, found);
  return found;
}

/** Naive rule: open when the local date is no holiday and its local time lies in a weekly interval. */
export function naiveIsOpen(calendar: BusinessCalendar, at: number): boolean {
  const wall = at + namedOffset(calendar.timeZone, at);
  const date = new Date(wall);
  if (calendar.holidays.includes(date.toISOString().slice(0, 10))) return false;
  const msOfDay = wall - Math.floor(wall / DAY) * DAY;
  return calendar.weekly.some(
    (w) =>
      w.day === date.getUTCDay() &&
      minutes(w.open) * 60_000 <= msOfDay &&
      msOfDay < minutes(w.close) * 60_000,
  );
}

/** Whether another instant near `at` shows the same wall-clock time (clocks fell back over it). */
export function isRepeatedWallTime(timeZone: string, at: number): boolean {
  const wall = at + namedOffset(timeZone, at);
  return [at - DAY, at + DAY].some((near) => {
    const other = wall - namedOffset(timeZone, near);
    return other !== at && other + namedOffset(timeZone, other) === wall;
  });
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

// Boundaries favour the small hours, where DST transitions sit, and the ends of the day.
const boundaryArb = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 30, 60, 75, 90, 120, 150, 180, 1380, 1410, 1440),
);

const dayHoursArb = (day: number): fc.Arbitrary<WeeklyOpening[]> =>
  fc.uniqueArray(boundaryArb, { maxLength: 6 }).map((bounds) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    const openings: WeeklyOpening[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      openings.push({ day, open: clockTime(sorted[i]), close: clockTime(sorted[i + 1]) });
    }
    return openings;
  });

const weeklyArb: fc.Arbitrary<WeeklyOpening[]> = fc
  .tuple(...[0, 1, 2, 3, 4, 5, 6].map(dayHoursArb))
  .map((days) => days.flat())
  .filter((weekly) => weekly.length > 0);

/** An instant in 2023-2026, half the time within three days of one of the zone's transitions. */
export const instantArb = (timeZone: string): fc.Arbitrary<number> => {
  const uniform = fc.integer({ min: WINDOW_START, max: WINDOW_END });
  const list = transitions(timeZone);
  if (list.length === 0) return uniform;
  const nearTransition = fc
    .tuple(fc.constantFrom(...list), fc.integer({ min: -3 * DAY, max: 3 * DAY }))
    .map(([t, delta]) => t + delta);
  return fc.oneof(uniform, nearTransition);
};

export interface Scenario {
  calendar: BusinessCalendar;
  start: number;
}

/** A random calendar and a start instant, with holidays placed around the start so they matter. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
  .constantFrom(...ZONES)
  .chain((timeZone) => fc.tuple(fc.constant(timeZone), instantArb(timeZone)))
  .chain(([timeZone, start]) =>
    fc
      .tuple(weeklyArb, fc.uniqueArray(fc.integer({ min: -2, max: 40 }), { maxLength: 8 }))
      .map(([weekly, holidayOffsets]) => ({
        calendar: {
          timeZone,
          weekly,
          holidays: holidayOffsets.map((days) => new Date(start + days * DAY).toISOString().slice(0, 10)),
        },
        start,
      })),
  );

/** Durations up to 30 days, biased to whole hours and to zero. */
export const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 30 * DAY }),
  fc.integer({ min: 0, max: 200 }).map((hours) => hours * HOUR),
  fc.constant(0),
);
