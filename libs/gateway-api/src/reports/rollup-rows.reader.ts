// Reads stored metric rollup rows back into the metrics library's shape: one tenant, one dimension and
// interval, a range of bucket starts, optionally some ids. Plain SQL, shared by the reports API and the
// `npm run report` cli. Numbers come back as float8 and histograms as text, the same from pg and PGlite.
import {
  HISTOGRAM_COLUMNS,
  MAX_COLUMNS,
  SUM_COLUMNS,
  emptyCounters,
  rollupColumnOf,
  type MetricDimension,
  type MetricInterval,
  type RollupCounters,
  type RollupRow,
} from '@switchboard/metrics';
import type { SqlExecutor } from '@switchboard/persistence';

export interface RollupSeriesQuery {
  readonly tenantId: string;
  readonly dimension: MetricDimension;
  readonly interval: MetricInterval;
  /** Epoch ms: buckets starting at or after `from` and before `to`. */
  readonly from: number;
  readonly to: number;
  /** Only these dimension ids; every id when absent. */
  readonly ids?: readonly string[];
}

const NUMBERS = [...SUM_COLUMNS, ...MAX_COLUMNS];

type StoredRow = Record<string, unknown> & { dimension_id: string; bucket_start: number };

/** Rows ordered by dimension id, then bucket start. */
export async function readRollupRows(sql: SqlExecutor, q: RollupSeriesQuery): Promise<RollupRow[]> {
  const params: unknown[] = [q.tenantId, q.dimension, q.interval, q.from, q.to];
  const idFilter = q.ids === undefined ? '' : `AND dimension_id = ANY($6::text[])`;
  if (q.ids !== undefined) params.push([...q.ids]);
  const rows = await sql.query<StoredRow>(
    `SELECT dimension_id, (extract(epoch FROM bucket_start) * 1000)::float8 AS bucket_start,
            ${NUMBERS.map((c) => `${rollupColumnOf(c)}::float8 AS "${c}"`).join(', ')},
            ${HISTOGRAM_COLUMNS.map((c) => `array_to_string(${rollupColumnOf(c)}, ',') AS "${c}"`).join(', ')}
       FROM metric_rollups
      WHERE tenant_id = $1 AND dimension = $2 AND bucket_interval = $3
        AND bucket_start >= to_timestamp($4::float8 / 1000.0) AND bucket_start < to_timestamp($5::float8 / 1000.0)
        ${idFilter}
      ORDER BY dimension_id, bucket_start`,
    params,
  );
  return rows.map((row) => ({
    tenantId: q.tenantId,
    dimension: q.dimension,
    dimensionId: row.dimension_id,
    interval: q.interval,
    bucketStart: Number(row.bucket_start),
    counters: countersOf(row),
  }));
}

function countersOf(row: StoredRow): RollupCounters {
  const counters = emptyCounters();
  for (const c of NUMBERS) counters[c] = Number(row[c]);
  for (const c of HISTOGRAM_COLUMNS) {
    const text = row[c];
    if (typeof text === 'string' && text !== '') counters[c] = text.split(',').map(Number);
  }
  return counters;
}
