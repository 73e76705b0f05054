// Business-time arithmetic over a calendar: is it open, when does it next open, when has a duration of
// open time elapsed, and how much open time lies between two instants. A null calendar means 24/7.
// Every walk goes local day by local day (never minute by minute), so cost grows with the days spanned.
import { type BusinessCalendar, type CompiledCalendar, compileCalendar } from './business-calendar';
import { SlaError, SlaErrorCode } from './sla.error';
import { MAX_INSTANT_MS, MIN_INSTANT_MS } from './zone-clock';

/** Whether the calendar is open at an instant; intervals include their opening and exclude their closing. */
export function isOpen(at: number, calendar: BusinessCalendar | null): boolean {
  checkInstant('at', at);
  if (calendar === null) return true;
  const hours = compileCalendar(calendar);
  const day = hours.dayOf(at);
  // Defensive: in a zone whose clocks fell back from after midnight to before it, the next local date
  // would start before `at`'s date ends. Checking it costs one day.
  return [day, day + 1].some((d) => hours.intervalsOn(d).some(([open, close]) => open <= at && at < close));
}

/**
 * `at` itself when open, else the next instant the calendar opens.
 * Throws SlaError CalendarNeverOpen when it never opens again.
 */
export function nextOpening(at: number, calendar: BusinessCalendar | null): number {
  checkInstant('at', at);
  if (calendar === null) return at;
  return findFrom(compileCalendar(calendar), at, (open) => Math.max(open, at));
}

/**
 * The instant at which `durationMs` of business time has elapsed after `start`. The clock starts at the
 * next opening when `start` is closed, so a zero duration gives `nextOpening(start)`; a positive one may
 * end exactly on a closing instant. Throws SlaError CalendarNeverOpen rather than returning Infinity.
 */
export function addBusinessTime(
  start: number,
  durationMs: number,
  calendar: BusinessCalendar | null,
): number {
  checkInstant('start', start);
  if (!Number.isFinite(durationMs) || durationMs < 0) {
    throw new SlaError(
      SlaErrorCode.InvalidArgument,
      `durationMs must be a finite number >= 0, got ${durationMs}`,
    );
  }
  if (calendar === null) return checkResult(start + durationMs);
  let remaining = durationMs;
  return findFrom(compileCalendar(calendar), start, (open, close) => {
    const from = Math.max(open, start);
    if (remaining <= close - from) return from + remaining;
    remaining -= close - from;
    return undefined;
  });
}

/** Business ms in [from, to]: the inverse of addBusinessTime. A reversed range has none. */
export function businessTimeBetween(from: number, to: number, calendar: BusinessCalendar | null): number {
  checkInstant('from', from);
  checkInstant('to', to);
  if (to <= from) return 0;
  if (calendar === null) return to - from;
  const hours = compileCalendar(calendar);
  // One day past `to`'s local date, for the same defensive reason as in isOpen.
  const lastDay = hours.dayOf(to) + 1;
  let total = 0;
  for (let day = hours.dayOf(from); day <= lastDay; day += 1) {
    for (const [open, close] of hours.intervalsOn(day)) {
      total += Math.max(0, Math.min(close, to) - Math.max(open, from));
    }
  }
  return total;
}

/**
 * Walks the open intervals that end after `from`, in time order, until `pick` returns an instant.
 * Intervals of `from`'s local date's predecessors all close by its midnight, so the walk starts there.
 */
function findFrom(
  hours: CompiledCalendar,
  from: number,
  pick: (open: number, close: number) => number | undefined,
): number {
  if (!hours.hasWeeklyHours) throw neverOpen();
  let closedDays = 0;
  for (let day = hours.dayOf(from); ; day += 1) {
    const intervals = hours.intervalsOn(day);
    closedDays = intervals.length === 0 ? closedDays + 1 : 0;
    if (closedDays > hours.maxClosedDays) throw neverOpen();
    for (const [open, close] of intervals) {
      const found = close > from ? pick(open, close) : undefined;
      if (found !== undefined) return found;
    }
  }
}

function neverOpen(): SlaError {
  return new SlaError(SlaErrorCode.CalendarNeverOpen, 'the business calendar never opens');
}

function checkInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new SlaError(SlaErrorCode.InvalidArgument, `${name} must be a finite epoch ms, got ${value}`);
  }
  checkResult(value);
}

function checkResult(instant: number): number {
  if (instant < MIN_INSTANT_MS || instant > MAX_INSTANT_MS) {
    throw new SlaError(SlaErrorCode.OutOfRange, 'instants must fall within the years 1000-9999');
  }
  return instant;
}
