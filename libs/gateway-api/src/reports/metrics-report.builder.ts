// Pure: stored rollup rows of one dimension and interval become a report, one series per dimension id with
// its buckets' metrics and the period's total (the rows merged, then divided: never an average of ratios).
import { bucketClock, summarize, type Metrics, type RollupRow } from '@switchboard/metrics';
import type { ReportQuery } from './report-query.schema';

export interface ReportBucket<T> {
  /** The bucket's first instant, ISO 8601. */
  readonly start: string;
  readonly metrics: T;
}

export interface ReportSeries<T> {
  readonly dimensionId: string;
  readonly total: T;
  readonly buckets: readonly ReportBucket<T>[];
}

export interface Report<T> {
  readonly from: string;
  readonly to: string;
  readonly interval: ReportQuery['interval'];
  readonly dimension: ReportQuery['dimension'];
  readonly series: readonly ReportSeries<T>[];
}

/** When the report is read and in which zone its buckets lie: the average queue depth's denominators. */
export interface ReportClock {
  readonly now: number;
  readonly timeZone: string;
}

const FIXED_MS = { '15m': 900_000, '1h': 3_600_000 } as const;

/**
 * Rows ordered by dimension id (as the reader returns them) grouped into series; `view` picks the figures.
 * The average depth of a bucket divides by the part of it inside [from, to) and already past; the total's by
 * [from, min(to, now)).
 */
export function buildReport<T>(
  query: ReportQuery,
  rows: readonly RollupRow[],
  view: (metrics: Metrics) => T,
  clock: ReportClock,
): Report<T> {
  const from = Date.parse(query.from);
  const until = Math.min(Date.parse(query.to), clock.now);
  const days = bucketClock(clock.timeZone);
  const coveredMs = (start: number): number => {
    const end = query.interval === '1d' ? days.nextStart('1d', start) : start + FIXED_MS[query.interval];
    return Math.max(0, Math.min(end, until) - Math.max(start, from));
  };
  const byId = new Map<string, RollupRow[]>();
  for (const row of rows) {
    const series = byId.get(row.dimensionId);
    if (series) series.push(row);
    else byId.set(row.dimensionId, [row]);
  }
  return {
    from: query.from,
    to: query.to,
    interval: query.interval,
    dimension: query.dimension,
    series: [...byId].map(([dimensionId, series]) => ({
      dimensionId,
      total: view(summarize(series, { coveredMs: Math.max(0, until - from) })),
      buckets: series.map((row) => ({
        start: new Date(row.bucketStart).toISOString(),
        metrics: view(summarize([row], { coveredMs: coveredMs(row.bucketStart) })),
      })),
    })),
  };
}
