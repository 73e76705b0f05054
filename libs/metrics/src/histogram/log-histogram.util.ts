// A fixed log-scale histogram of durations: the same 82 buckets everywhere, so two histograms merge by adding
// their counts element-wise (in SQL too) and percentiles come out within a known relative error.
import { MetricsError, MetricsErrorCode } from '../metrics.error';

/** Buckets per doubling: quarter octaves keep every estimate within 2^(1/8) - 1 of the true value. */
const STEPS_PER_OCTAVE = 4;
/** Below 1 s nothing is told apart: sub-second waits and responses all read as 0.5 s. */
const FLOOR_MS = 1_000;
/** 2^20 s is about 12 days; a longer duration lands in the overflow bucket and reads as that bound. */
const OCTAVES = 20;

export const HISTOGRAM_BUCKETS = 1 + OCTAVES * STEPS_PER_OCTAVE + 1;
export const HISTOGRAM_MAX_MS = FLOOR_MS * 2 ** OCTAVES;
/** Worst relative error of a percentile read from a histogram, for true values in [1 s, HISTOGRAM_MAX_MS). */
export const HISTOGRAM_RELATIVE_ERROR = 2 ** (1 / (2 * STEPS_PER_OCTAVE)) - 1;
/** Worst absolute error for true values under 1 s. */
export const HISTOGRAM_SUBSECOND_ERROR_MS = FLOOR_MS / 2;

/** Counts per bucket, HISTOGRAM_BUCKETS long. */
export type Histogram = readonly number[];

export function emptyHistogram(): number[] {
  return new Array<number>(HISTOGRAM_BUCKETS).fill(0);
}

/** One shared, frozen empty histogram: rows start with it and get their own on the first observation. */
export const EMPTY_HISTOGRAM: Histogram = Object.freeze(emptyHistogram());

/** Bucket 0 is [0, 1 s), bucket i in 1..80 is [1 s * 2^((i-1)/4), 1 s * 2^(i/4)), the last is [2^20 s, inf). */
export function histogramBucketOf(ms: number): number {
  if (ms < FLOOR_MS) return 0;
  const index = 1 + Math.floor(STEPS_PER_OCTAVE * Math.log2(ms / FLOOR_MS));
  return Math.min(index, HISTOGRAM_BUCKETS - 1);
}

/** The value a bucket reads as: its geometric middle, which halves the worst relative error either side. */
export function histogramBucketValue(index: number): number {
  if (index === 0) return FLOOR_MS / 2;
  if (index >= HISTOGRAM_BUCKETS - 1) return HISTOGRAM_MAX_MS;
  return FLOOR_MS * 2 ** ((index - 0.5) / STEPS_PER_OCTAVE);
}

/** Adds one observation in place; the caller owns the histogram. */
export function recordInHistogram(histogram: number[], ms: number): void {
  histogram[histogramBucketOf(ms)] += 1;
}

export function addHistograms(a: Histogram, b: Histogram): number[] {
  if (a.length !== HISTOGRAM_BUCKETS || b.length !== HISTOGRAM_BUCKETS) {
    throw new MetricsError(
      MetricsErrorCode.IncompatibleRows,
      `histograms must have ${HISTOGRAM_BUCKETS} buckets (got ${a.length} and ${b.length})`,
    );
  }
  return a.map((count, i) => count + b[i]);
}

export function histogramCount(histogram: readonly number[]): number {
  return histogram.reduce((sum, count) => sum + count, 0);
}

/**
 * The nearest-rank q-quantile (0 < q <= 1): the value of the ceil(q * n)-th smallest observation, read as its
 * bucket's value. null for an empty histogram.
 */
export function histogramQuantile(histogram: readonly number[], q: number): number | null {
  if (!(q > 0 && q <= 1)) {
    throw new MetricsError(MetricsErrorCode.InvalidInput, `quantile must be in (0, 1], got ${q}`);
  }
  const total = histogramCount(histogram);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 1) {
    seen += histogram[i];
    if (seen >= rank) return histogramBucketValue(i);
  }
  return histogramBucketValue(histogram.length - 1);
}
