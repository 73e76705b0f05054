import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketClock, METRIC_INTERVALS } from '../rollup/bucket-clock.util';
import { splitDepthSpan } from './depth-split.util';

// Lisbon has DST, so day buckets of 23 and 25 hours come up; spans reach over several days.
const clock = bucketClock('Europe/Lisbon');
const span = fc.record({
  start: fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) }),
  ms: fc.integer({ min: 0, max: 3 * 86_400_000 }),
  depth: fc.nat({ max: 500 }),
});
const interval = fc.constantFrom(...METRIC_INTERVALS);

describe('splitDepthSpan', () => {
  it('splits depth × time exactly: the pieces sum to depth × the span', () => {
    fc.assert(
      fc.property(span, interval, (s, i) => {
        const pieces = splitDepthSpan(s, clock, i);
        expect(pieces.reduce((sum, p) => sum + p.depthMs, 0)).toBe(s.depth * s.ms);
        expect(pieces.reduce((sum, p) => sum + (p.to - p.from), 0)).toBe(s.ms);
      }),
    );
  });

  it('gives every bucket it touches a maximum of at least the depth', () => {
    fc.assert(
      fc.property(span, interval, (s, i) => {
        for (const p of splitDepthSpan(s, clock, i)) expect(p.maxDepth).toBeGreaterThanOrEqual(s.depth);
      }),
    );
  });

  it('covers contiguous buckets, each piece inside its own bucket, from the span start to its end', () => {
    fc.assert(
      fc.property(span, interval, (s, i) => {
        const pieces = splitDepthSpan(s, clock, i);
        expect(pieces[0]?.from).toBe(s.start);
        expect(pieces.at(-1)?.to).toBe(s.start + s.ms);
        pieces.forEach((p, k) => {
          expect(clock.startOf(i, p.from)).toBe(p.bucketStart);
          expect(p.to).toBeLessThanOrEqual(clock.nextStart(i, p.from));
          const next = pieces[k + 1];
          if (next !== undefined) {
            expect(next.from).toBe(p.to);
            expect(next.bucketStart).toBe(clock.nextStart(i, p.from));
          }
        });
      }),
    );
  });

  it('splits 09:50-10:20 holding 3 into 10 and 20 minutes of the hours, and 30 minutes of the day', () => {
    const utc = bucketClock('UTC');
    const at = (hhmm: string): number => Date.parse(`2026-12-04T${hhmm}:00Z`);
    const s = { start: at('09:50'), ms: 30 * 60_000, depth: 3 };
    expect(splitDepthSpan(s, utc, '1h').map((p) => [p.bucketStart, p.depthMs])).toEqual([
      [at('09:00'), 3 * 10 * 60_000],
      [at('10:00'), 3 * 20 * 60_000],
    ]);
    expect(splitDepthSpan(s, utc, '15m').map((p) => p.bucketStart)).toEqual([
      at('09:45'),
      at('10:00'),
      at('10:15'),
    ]);
    expect(splitDepthSpan(s, utc, '1d')).toHaveLength(1);
  });

  it('marks a zero-length span in the bucket of its start, with no weight', () => {
    const utc = bucketClock('UTC');
    const start = Date.parse('2026-12-04T10:00:00Z');
    expect(splitDepthSpan({ start, ms: 0, depth: 7 }, utc, '1h')).toEqual([
      { bucketStart: start, from: start, to: start, depthMs: 0, maxDepth: 7 },
    ]);
  });
});
