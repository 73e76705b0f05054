// The rollup part of the router's insert statement: one `INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE`
// over a batch's rollup rows. Sums add, the longest wait takes the larger, histograms add element-wise, so the
// order in which batches land does not matter. Not idempotent: it runs only inside the batch's transaction.
import {
  HISTOGRAM_COLUMNS,
  MAX_COLUMNS,
  rollupColumnOf,
  SUM_COLUMNS,
  type RollupRow,
} from '@switchboard/metrics';
import { ts, type SqlParams } from '../write/sql-params';

const NUMBER_COLUMNS = [...SUM_COLUMNS, ...MAX_COLUMNS];

/** `mr AS (…)`: rows are merged by key already (rollUp), as ON CONFLICT may touch a row once per statement. */
export function rollupUpsertPart(p: SqlParams, tenant: string, rows: readonly RollupRow[]): string {
  const numbers = NUMBER_COLUMNS.map((c) => `${p.add(rows.map((r) => r.counters[c]))}::int8[]`);
  // unnest would flatten a two-dimensional array, so each histogram travels as one array literal per row.
  const histograms = HISTOGRAM_COLUMNS.map(
    (c) => `${p.add(rows.map((r) => `{${r.counters[c].join(',')}}`))}::text[]`,
  );
  const names = [...NUMBER_COLUMNS, ...HISTOGRAM_COLUMNS].map(rollupColumnOf);
  const merges = [
    ...SUM_COLUMNS.map(rollupColumnOf).map((c) => `${c} = metric_rollups.${c} + excluded.${c}`),
    ...MAX_COLUMNS.map(rollupColumnOf).map((c) => `${c} = GREATEST(metric_rollups.${c}, excluded.${c})`),
    ...HISTOGRAM_COLUMNS.map(rollupColumnOf).map(
      (c) => `${c} = ARRAY(SELECT a + b FROM unnest(metric_rollups.${c}, excluded.${c})
                              WITH ORDINALITY AS h(a, b, i) ORDER BY i)`,
    ),
  ];
  return `mr AS (INSERT INTO metric_rollups (tenant_id, dimension, dimension_id, bucket_interval, bucket_start,
      ${names.join(', ')})
    SELECT ${tenant}, v.dimension, v.dimension_id, v.bucket_interval, ${ts('v.bucket_start')},
           ${[...NUMBER_COLUMNS.map((c) => `v.${rollupColumnOf(c)}`), ...HISTOGRAM_COLUMNS.map((c) => `v.${rollupColumnOf(c)}::int8[]`)].join(', ')}
      FROM unnest(${p.add(rows.map((r) => r.dimension))}::text[], ${p.add(rows.map((r) => r.dimensionId))}::text[],
                  ${p.add(rows.map((r) => r.interval))}::text[], ${p.add(rows.map((r) => r.bucketStart))}::float8[],
                  ${[...numbers, ...histograms].join(', ')})
        AS v(dimension, dimension_id, bucket_interval, bucket_start, ${names.join(', ')})
    ON CONFLICT (tenant_id, dimension, dimension_id, bucket_interval, bucket_start) DO UPDATE SET
      ${merges.join(',\n      ')})`;
}
