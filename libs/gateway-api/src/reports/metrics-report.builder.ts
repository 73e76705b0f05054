// Pure: stored rollup rows of one dimension and interval become a report, one series per dimension id with
// its buckets' metrics and the period's total (the rows merged, then divided: never an average of ratios).
import { summarize, type Metrics, type RollupRow } from '@switchboard/metrics';
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

/** Rows ordered by dimension id (as the reader returns them) grouped into series; `view` picks the figures. */
export function buildReport<T>(
  query: ReportQuery,
  rows: readonly RollupRow[],
  view: (metrics: Metrics) => T,
): Report<T> {
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
      total: view(summarize(series)),
      buckets: series.map((row) => ({
        start: new Date(row.bucketStart).toISOString(),
        metrics: view(summarize([row])),
      })),
    })),
  };
}
