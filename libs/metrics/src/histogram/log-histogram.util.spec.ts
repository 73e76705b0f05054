import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HISTOGRAM_BUCKETS,
  HISTOGRAM_MAX_MS,
  HISTOGRAM_RELATIVE_ERROR,
  HISTOGRAM_SUBSECOND_ERROR_MS,
  addHistograms,
  emptyHistogram,
  histogramBucketOf,
  histogramCount,
  histogramQuantile,
  recordInHistogram,
} from './log-histogram.util';
import { MetricsErrorCode } from '../metrics.error';

const histogramOf = (values: readonly number[]): number[] => {
  const histogram = emptyHistogram();
  for (const value of values) recordInHistogram(histogram, value);
  return histogram;
};

/** The exact nearest-rank quantile, the definition the histogram approximates. */
const exactQuantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
};

const quantiles = fc.constantFrom(0.01, 0.5, 0.9, 0.99, 1);

describe('log histogram', () => {
  it('states its bound: quarter octaves read within about 9 %', () => {
    expect(HISTOGRAM_BUCKETS).toBe(82);
    expect(HISTOGRAM_RELATIVE_ERROR).toBeCloseTo(0.0905, 4);
    expect(HISTOGRAM_MAX_MS).toBe(1_048_576_000);
  });

  it('reads every quantile within the stated relative error of the exact one (1 s to 12 days)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1_000, max: HISTOGRAM_MAX_MS - 1 }), { minLength: 1, maxLength: 200 }),
        fc.oneof(quantiles, fc.double({ min: 0.001, max: 1, noNaN: true })),
        (values, q) => {
          const exact = exactQuantile(values, q);
          const estimate = histogramQuantile(histogramOf(values), q) ?? Number.NaN;
          expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-12);
        },
      ),
    );
  });

  it('reads sub-second values within half a second, and overflow as its bound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (value) => {
        const estimate = histogramQuantile(histogramOf([value]), 0.5) ?? Number.NaN;
        expect(Math.abs(estimate - value)).toBeLessThanOrEqual(HISTOGRAM_SUBSECOND_ERROR_MS);
      }),
    );
    expect(histogramBucketOf(40 * 86_400_000)).toBe(HISTOGRAM_BUCKETS - 1);
    expect(histogramQuantile(histogramOf([40 * 86_400_000]), 0.9)).toBe(HISTOGRAM_MAX_MS);
  });

  it('merges by element-wise addition: the merge holds every observation of both', () => {
    const durations = fc.array(fc.integer({ min: 0, max: 2 * HISTOGRAM_MAX_MS }), { maxLength: 50 });
    fc.assert(
      fc.property(durations, durations, (a, b) => {
        expect(addHistograms(histogramOf(a), histogramOf(b))).toEqual(histogramOf([...a, ...b]));
        expect(histogramCount(histogramOf(a))).toBe(a.length);
      }),
    );
  });

  it('has no quantile when empty, and refuses a quantile outside (0, 1] or a foreign histogram', () => {
    expect(histogramQuantile(emptyHistogram(), 0.5)).toBeNull();
    expect(() => histogramQuantile(emptyHistogram(), 0)).toThrow(
      expect.objectContaining({ code: MetricsErrorCode.InvalidInput }),
    );
    expect(() => addHistograms([1, 2], emptyHistogram())).toThrow(
      expect.objectContaining({ code: MetricsErrorCode.IncompatibleRows }),
    );
  });
});
