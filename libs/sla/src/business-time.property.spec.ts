import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextOpening } from './business-time';
import {
  DAY,
  durationArb,
  instantArb,
  isRepeatedWallTime,
  naiveIsOpen,
  scenarioArb,
  ZONES,
} from './testing/calendar.fixtures';

// Laws of business time over random calendars (zones with awkward DST, holidays around the start),
// with starts clustered around real offset transitions.
describe('business time (property)', () => {
  it('is monotonic in the duration', () => {
    fc.assert(
      fc.property(scenarioArb, durationArb, durationArb, ({ calendar, start }, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(start, shorter, calendar)).toBeLessThanOrEqual(
          addBusinessTime(start, longer, calendar),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('is inverted exactly by businessTimeBetween', () => {
    fc.assert(
      fc.property(scenarioArb, durationArb, ({ calendar, start }, duration) => {
        const end = addBusinessTime(start, duration, calendar);
        expect(end - start).toBeGreaterThanOrEqual(duration);
        expect(businessTimeBetween(start, end, calendar)).toBe(duration);
      }),
      { numRuns: 200 },
    );
  });

  it('ends inside business hours or exactly on a closing instant', () => {
    fc.assert(
      fc.property(scenarioArb, durationArb, ({ calendar, start }, duration) => {
        fc.pre(duration > 0);
        const end = addBusinessTime(start, duration, calendar);
        // The last elapsed millisecond was open, so `end` is open or the instant a span closed.
        expect(isOpen(end - 1, calendar)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('composes: adding a then b is adding a + b', () => {
    fc.assert(
      fc.property(scenarioArb, durationArb, durationArb, ({ calendar, start }, a, b) => {
        fc.pre(b > 0);
        expect(addBusinessTime(addBusinessTime(start, a, calendar), b, calendar)).toBe(
          addBusinessTime(start, a + b, calendar),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('splits businessTimeBetween at any midpoint', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        ({ calendar, start }, first, second) => {
          const middle = start + first;
          const end = middle + second;
          expect(
            businessTimeBetween(start, middle, calendar) + businessTimeBetween(middle, end, calendar),
          ).toBe(businessTimeBetween(start, end, calendar));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds the next opening: open there, closed just before, no business time in between', () => {
    fc.assert(
      fc.property(scenarioArb, ({ calendar, start }) => {
        const opening = nextOpening(start, calendar);
        expect(opening).toBeGreaterThanOrEqual(start);
        expect(isOpen(opening, calendar)).toBe(true);
        expect(businessTimeBetween(start, opening, calendar)).toBe(0);
        if (opening > start) expect(isOpen(opening - 1, calendar)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with a naive wall-clock reading wherever the wall time is not repeated', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: -2 * DAY, max: 2 * DAY }), ({ calendar, start }, delta) => {
        const instant = start + delta;
        fc.pre(!isRepeatedWallTime(calendar.timeZone, instant));
        expect(isOpen(instant, calendar)).toBe(naiveIsOpen(calendar, instant));
      }),
      { numRuns: 400 },
    );
  });

  it('counts the same business time as summing open minutes one by one', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 0, max: 30 * 60 }), ({ calendar, start }, minutes) => {
        // Weekly boundaries are whole local minutes and these zones' offsets are whole minutes.
        const from = Math.floor(start / 60_000) * 60_000;
        let openMinutes = 0;
        for (let m = 0; m < minutes; m += 1) if (isOpen(from + m * 60_000, calendar)) openMinutes += 1;
        expect(businessTimeBetween(from, from + minutes * 60_000, calendar)).toBe(openMinutes * 60_000);
      }),
      { numRuns: 40 },
    );
  });

  it('is plain arithmetic with no calendar', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES).chain(instantArb),
        fc.integer({ min: 0, max: 365 * DAY }),
        (start, duration) => {
          expect(addBusinessTime(start, duration, null)).toBe(start + duration);
          expect(businessTimeBetween(start, start + duration, null)).toBe(duration);
          expect(isOpen(start, null)).toBe(true);
          expect(nextOpening(start, null)).toBe(start);
        },
      ),
    );
  });
});
