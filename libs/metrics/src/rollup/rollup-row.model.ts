// One rollup row: a key (tenant, dimension, interval, bucket) and counters that merge by addition, except
// longestWaitMs and maxDepth (merged with max, GREATEST in SQL) and the histograms (element-wise addition).
import { EMPTY_HISTOGRAM, addHistograms, type Histogram } from '../histogram/log-histogram.util';
import { MetricsError, MetricsErrorCode } from '../metrics.error';
import type { MetricInterval } from './bucket-clock.util';

export const METRIC_DIMENSIONS = ['tenant', 'queue', 'channel', 'agent'] as const;
export type MetricDimension = (typeof METRIC_DIMENSIONS)[number];

export interface RollupKey {
  readonly tenantId: string;
  readonly dimension: MetricDimension;
  /** The queue, channel or agent id; the tenant id itself for the tenant dimension. */
  readonly dimensionId: string;
  readonly interval: MetricInterval;
  /** Epoch ms of the bucket's start (bucketClock). */
  readonly bucketStart: number;
}

/** Columns merged by plain addition; each is a count or a sum of ms. */
export const SUM_COLUMNS = [
  'queued',
  'answered',
  'answeredWaitMsSum',
  'answeredWithThreshold',
  'answeredWithinThreshold',
  'abandoned',
  'abandonedWaitMsSum',
  'abandonedWithinThreshold',
  'abandonedAfterThreshold',
  'firstResponses',
  'firstResponseMsSum',
  'firstResponsesWithTarget',
  'firstResponsesWithinTarget',
  'nextResponses',
  'nextResponseMsSum',
  'nextResponsesWithTarget',
  'nextResponsesWithinTarget',
  'handled',
  'handleMsSum',
  'availableMs',
  'busyMs',
  'wrapUpMs',
  'awayMs',
  'engagedMs',
  'csatResponses',
  'csatScoreSum',
  'csatSatisfied',
  'estimates',
  'estimateAbsErrorMsSum',
  'estimateErrorMsSum',
  'estimatesWithin30s',
  'depthMsSum',
] as const;
export type SumColumn = (typeof SUM_COLUMNS)[number];

/** The table column of a counter, snake_case: `answeredWaitMsSum` -> `answered_wait_ms_sum`, `estimatesWithin30s` -> `estimates_within_30s`. */
export const rollupColumnOf = (counter: string): string =>
  counter.replace(/[A-Z]|\d+/g, (m) => `_${m.toLowerCase()}`);

/** Columns merged by taking the larger value. */
export const MAX_COLUMNS = ['longestWaitMs', 'maxDepth'] as const;
export type MaxColumn = (typeof MAX_COLUMNS)[number];

/** Log-scale histograms (log-histogram.util) merged element-wise. */
export const HISTOGRAM_COLUMNS = [
  'waitHistogram',
  'firstResponseHistogram',
  'nextResponseHistogram',
] as const;
export type HistogramColumn = (typeof HISTOGRAM_COLUMNS)[number];

export type RollupCounters = Record<SumColumn | MaxColumn, number> & Record<HistogramColumn, Histogram>;

export interface RollupRow extends RollupKey {
  readonly counters: RollupCounters;
}

export function emptyCounters(): RollupCounters {
  // A literal (not a loop or a spread) gives every row one fast shape on the router's path; the return
  // type makes the compiler insist on every column. Most rows never observe a duration, so they share the
  // frozen empty histogram until rollUp gives them their own.
  return {
    queued: 0,
    answered: 0,
    answeredWaitMsSum: 0,
    answeredWithThreshold: 0,
    answeredWithinThreshold: 0,
    abandoned: 0,
    abandonedWaitMsSum: 0,
    abandonedWithinThreshold: 0,
    abandonedAfterThreshold: 0,
    firstResponses: 0,
    firstResponseMsSum: 0,
    firstResponsesWithTarget: 0,
    firstResponsesWithinTarget: 0,
    nextResponses: 0,
    nextResponseMsSum: 0,
    nextResponsesWithTarget: 0,
    nextResponsesWithinTarget: 0,
    handled: 0,
    handleMsSum: 0,
    availableMs: 0,
    busyMs: 0,
    wrapUpMs: 0,
    awayMs: 0,
    engagedMs: 0,
    csatResponses: 0,
    csatScoreSum: 0,
    csatSatisfied: 0,
    estimates: 0,
    estimateAbsErrorMsSum: 0,
    estimateErrorMsSum: 0,
    estimatesWithin30s: 0,
    depthMsSum: 0,
    longestWaitMs: 0,
    maxDepth: 0,
    waitHistogram: EMPTY_HISTOGRAM,
    firstResponseHistogram: EMPTY_HISTOGRAM,
    nextResponseHistogram: EMPTY_HISTOGRAM,
  };
}

/** The counters of both, as if every fact behind either had been rolled up together. */
export function mergeCounters(a: RollupCounters, b: RollupCounters): RollupCounters {
  const merged = {} as RollupCounters;
  for (const column of SUM_COLUMNS) merged[column] = a[column] + b[column];
  for (const column of MAX_COLUMNS) merged[column] = Math.max(a[column], b[column]);
  for (const column of HISTOGRAM_COLUMNS) merged[column] = addHistograms(a[column], b[column]);
  return merged;
}

/** A stable string for a key, for maps and for sorting rows deterministically. */
export function rollupKeyId(key: RollupKey): string {
  return `${key.tenantId}|${key.dimension}|${key.dimensionId}|${key.interval}|${key.bucketStart}`;
}

/** Merges two rows of the same key. */
export function mergeRows(a: RollupRow, b: RollupRow): RollupRow {
  if (rollupKeyId(a) !== rollupKeyId(b)) {
    throw new MetricsError(
      MetricsErrorCode.IncompatibleRows,
      `cannot merge rows of different keys: ${rollupKeyId(a)} and ${rollupKeyId(b)}`,
    );
  }
  return { ...keyOf(a), counters: mergeCounters(a.counters, b.counters) };
}

/** Merges rows by key: what the upsert does to the table, done in memory. Sorted by key. */
export function mergeRollups(rows: readonly RollupRow[]): RollupRow[] {
  const byKey = new Map<string, RollupRow>();
  for (const row of rows) {
    const id = rollupKeyId(row);
    const seen = byKey.get(id);
    byKey.set(id, seen === undefined ? row : mergeRows(seen, row));
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

export function keyOf(row: RollupKey): RollupKey {
  const { tenantId, dimension, dimensionId, interval, bucketStart } = row;
  return { tenantId, dimension, dimensionId, interval, bucketStart };
}
