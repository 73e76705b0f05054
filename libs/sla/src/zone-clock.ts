// Wall-clock arithmetic in an IANA zone with nothing but Intl: an instant's local wall time, and the
// instant a local wall time maps to. The second is the first instant at which the zone's clocks read
// that time or later, so a time skipped by DST maps to the jump and a repeated time to its first pass.
import { SlaError, SlaErrorCode } from './sla.error';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Years outside these make Date.UTC and Intl disagree (two-digit years, eras), and no SLA needs them. */
export const MIN_INSTANT_MS = Date.UTC(1000, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31);

/** A local wall-clock time as ms since local 1970-01-01 00:00: the instant it would be were the zone UTC. */
export type WallMs = number;

export interface ZoneClock {
  readonly timeZone: string;
  /** Offset from UTC in force at an instant, in ms. */
  offsetAt(instant: number): number;
  wallAt(instant: number): WallMs;
  /** The first instant at which the zone's clocks read `wall` or later. */
  instantOf(wall: WallMs): number;
}

const FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second'] as const;
const clocks = new Map<string, ZoneClock>();

/** The clock of an IANA zone; throws InvalidCalendar for a zone the runtime does not know. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = createZoneClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function createZoneClock(timeZone: string): ZoneClock {
  const format = wallFormat(timeZone);
  // format() is several times cheaper than formatToParts(), so read the field order once and parse digits.
  const types: string[] = format.formatToParts(0).map((part) => part.type);
  const digitTypes = types.filter((type) => (FIELDS as readonly string[]).includes(type));
  const positions = FIELDS.map((field) => digitTypes.indexOf(field));

  const offsetAt = (instant: number): number => {
    const second = Math.floor(instant / 1000) * 1000;
    const digits = format.format(second).match(/\d+/g) ?? [];
    const [year, month, day, hour, minute, sec] = positions.map((i) => Number(digits[i]));
    return Date.UTC(year, month - 1, day, hour, minute, sec) - second;
  };
  const wallAt = (instant: number): WallMs => instant + offsetAt(instant);

  const instantOf = (wall: WallMs): number => {
    // Real zones change offset at most once in any two days, so the offsets a day either side are the
    // only candidates; when they agree (almost always) one check settles it.
    const before = offsetAt(wall - DAY_MS);
    const after = offsetAt(wall + DAY_MS);
    if (before === after && offsetAt(wall - before) === before) return wall - before;
    let first = Infinity;
    for (const offset of new Set([before, after, offsetAt(wall)])) {
      const candidate = wall - offset;
      if (offsetAt(candidate) === offset) first = Math.min(first, candidate);
    }
    if (first !== Infinity) return first;
    // In a gap no instant reads `wall`; the first one reading later is the jump itself.
    let lo = wall - Math.max(before, after);
    let hi = wall - Math.min(before, after);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (wallAt(mid) >= wall) hi = mid;
      else lo = mid;
    }
    return hi;
  };

  return { timeZone, offsetAt, wallAt, instantOf };
}

function wallFormat(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new SlaError(SlaErrorCode.InvalidCalendar, `unknown time zone "${timeZone}"`);
  }
}
