// The day's SLA report as a table, for `npm run report`: the tenant, then each queue and channel, from the
// day rollups and the day's SLA outcome counts. Reads with plain SQL, so the cli needs no Nest application.
import { summarize, type MetricDimension, type RollupRow } from '@switchboard/metrics';
import type { SqlExecutor } from '@switchboard/persistence';
import { slaFigures, type SlaFigures } from './report-views';
import { readZonedRollupRows } from './zoned-rollup-rows.reader';
import { readSlaOutcomes } from './sla-outcomes.reader';

export interface SlaTableRow {
  readonly scope: string;
  readonly figures: SlaFigures;
  readonly breaches: number;
  readonly warnings: number;
}

export async function slaDayReport(
  sql: SqlExecutor,
  day: { tenantId: string; from: number; to: number },
  /** The tenant's zone: its day is composed from quarter hours unless it is UTC. */
  timeZone = 'UTC',
): Promise<SlaTableRow[]> {
  const queueNames = new Map(
    (
      await sql.query<{ id: string; name: string }>(`SELECT id, name FROM queues WHERE tenant_id = $1`, [
        day.tenantId,
      ])
    ).map((q) => [q.id, q.name]),
  );
  const label: Record<Exclude<MetricDimension, 'agent'>, (id: string) => string> = {
    tenant: () => 'all contacts',
    queue: (id) => `queue ${queueNames.get(id) ?? id}`,
    channel: (id) => `channel ${id}`,
  };
  const table: SlaTableRow[] = [];
  for (const dimension of ['tenant', 'queue', 'channel'] as const) {
    const q = { ...day, dimension };
    const [rows, outcomes] = await Promise.all([
      readZonedRollupRows(sql, { ...q, interval: '1d' }, timeZone),
      readSlaOutcomes(sql, q),
    ]);
    for (const [id, series] of byId(rows)) {
      const mine = outcomes.filter((o) => o.dimensionId === id);
      table.push({
        scope: label[dimension](id),
        figures: slaFigures(summarize(series)),
        breaches: mine.reduce((sum, o) => sum + o.breaches, 0),
        warnings: mine.reduce((sum, o) => sum + o.warnings, 0),
      });
    }
  }
  return table;
}

function byId(rows: readonly RollupRow[]): Map<string, RollupRow[]> {
  const series = new Map<string, RollupRow[]>();
  for (const row of rows) series.set(row.dimensionId, [...(series.get(row.dimensionId) ?? []), row]);
  return series;
}

const HEADERS = [
  'scope',
  'answered',
  'abandoned',
  'service level',
  'ASA',
  'FRT avg',
  'FRT p90',
  'FRT met',
  'NRT avg',
  'NRT p90',
  'NRT met',
  'breaches',
  'warnings',
];

/** Fixed-width text: the scope left-aligned, figures right-aligned; "-" where a figure has no data. */
export function formatSlaTable(rows: readonly SlaTableRow[]): string {
  const cells = rows.map((r) => [
    r.scope,
    String(r.figures.answered),
    String(r.figures.abandoned),
    percent(r.figures.serviceLevel),
    duration(r.figures.asaMs),
    duration(r.figures.firstResponse.averageMs),
    duration(r.figures.firstResponse.p90Ms),
    percent(r.figures.firstResponse.withinTargetRate),
    duration(r.figures.nextResponse.averageMs),
    duration(r.figures.nextResponse.p90Ms),
    percent(r.figures.nextResponse.withinTargetRate),
    String(r.breaches),
    String(r.warnings),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]): string =>
    c.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join('  ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

function percent(rate: number | null): string {
  return rate === null ? '-' : `${(rate * 100).toFixed(1)}%`;
}

/** 45.2s, 3m 05s, 2h 10m. */
export function duration(ms: number | null): string {
  if (ms === null) return '-';
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)}s`;
  const whole = Math.round(s);
  if (whole < 3600) return `${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(whole / 3600)}h ${String(Math.floor((whole % 3600) / 60)).padStart(2, '0')}m`;
}
