// Report rows in the tenant's time zone: UTC tenants read their stored hour and day rows; any other zone gets
// its local hours and days composed from the quarter-hour rows (every zone offset is a multiple of 15 minutes).
import { regroupInZone, type RollupRow } from '@switchboard/metrics';
import type { SqlExecutor } from '@switchboard/persistence';
import { readRollupRows, type RollupSeriesQuery } from './rollup-rows.reader';

/** The tenant's report zone (`PUT /v1/settings`); UTC when it set none. */
export async function tenantTimeZone(sql: SqlExecutor, tenantId: string): Promise<string> {
  const [row] = await sql.query<{ time_zone: string }>(
    `SELECT time_zone FROM tenant_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  return row?.time_zone ?? 'UTC';
}

/** Rows of local buckets starting in [from, to); a local bucket cut by `from` or `to` holds the part inside. */
export async function readZonedRollupRows(
  sql: SqlExecutor,
  q: RollupSeriesQuery,
  timeZone: string,
): Promise<RollupRow[]> {
  if (timeZone === 'UTC' || q.interval === '15m') return readRollupRows(sql, q);
  const quarters = await readRollupRows(sql, { ...q, interval: '15m' });
  return regroupInZone(quarters, q.interval, timeZone);
}
