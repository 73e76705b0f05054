// Composes a tenant's local hours and days from quarter-hour rollup rows. Every zone's offset is a whole number
// of quarter hours, so each 15-minute bucket lies inside exactly one local hour and one local day, and summing
// them gives the local bucket exactly (rows merge by addition, the longest wait by max).
import { SlaError, zoneClock } from '@switchboard/sla';
import { MetricsError, MetricsErrorCode } from '../metrics.error';
import { mergeRows, rollupKeyId, type RollupRow } from './rollup-row.model';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The `1h` or `1d` rows of `timeZone` made of the given `15m` rows (other intervals are refused), sorted by
 * dimension id, then bucket start. A local bucket only partly covered by the rows holds only that part.
 */
export function regroupInZone(
  quarterRows: readonly RollupRow[],
  interval: '1h' | '1d',
  timeZone: string,
): RollupRow[] {
  const zone = zoneOf(timeZone);
  const size = interval === '1h' ? HOUR_MS : DAY_MS;
  const merged = new Map<string, RollupRow>();
  for (const row of quarterRows) {
    if (row.interval !== '15m') {
      throw new MetricsError(MetricsErrorCode.IncompatibleRows, `expected 15m rows, got ${row.interval}`);
    }
    const bucketStart = zone.instantOf(Math.floor(zone.wallAt(row.bucketStart) / size) * size);
    const local: RollupRow = { ...row, interval, bucketStart };
    const id = rollupKeyId(local);
    const seen = merged.get(id);
    merged.set(id, seen ? mergeRows(seen, local) : local);
  }
  return [...merged.values()].sort(
    (a, b) => a.dimensionId.localeCompare(b.dimensionId) || a.bucketStart - b.bucketStart,
  );
}

function zoneOf(timeZone: string) {
  try {
    return zoneClock(timeZone);
  } catch (error) {
    if (error instanceof SlaError) {
      throw new MetricsError(MetricsErrorCode.InvalidTimeZone, `unknown time zone "${timeZone}"`);
    }
    throw error;
  }
}
