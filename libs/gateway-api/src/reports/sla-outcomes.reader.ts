// Counts a period's SLA outcomes (warnings, breaches, met) per response target, from sla_events over its
// (tenant_id, at) index. Attributed to the conversation's current queue and its channel; agents have no
// outcome counts (the stored outcome does not name one).
import type { MetricDimension } from '@switchboard/metrics';
import type { SqlExecutor } from '@switchboard/persistence';

export interface SlaOutcomeCounts {
  readonly dimensionId: string;
  readonly target: string;
  readonly warnings: number;
  readonly breaches: number;
  readonly met: number;
}

const DIMENSION_ID: Readonly<Record<Exclude<MetricDimension, 'agent'>, string>> = {
  tenant: 'e.tenant_id',
  queue: 'c.queue_id',
  channel: 'c.channel',
};

export async function readSlaOutcomes(
  sql: SqlExecutor,
  q: {
    tenantId: string;
    dimension: MetricDimension;
    from: number;
    to: number;
    ids?: readonly string[];
  },
): Promise<SlaOutcomeCounts[]> {
  if (q.dimension === 'agent') return [];
  const id = DIMENSION_ID[q.dimension];
  const params: unknown[] = [q.tenantId, q.from, q.to];
  const idFilter = q.ids === undefined ? '' : `AND ${id} = ANY($4::text[])`;
  if (q.ids !== undefined) params.push([...q.ids]);
  const rows = await sql.query<{
    id: string;
    target: string;
    warnings: number;
    breaches: number;
    met: number;
  }>(
    `SELECT ${id} AS id, e.payload->>'target' AS target,
            (count(*) FILTER (WHERE e.kind = 'warning'))::float8 AS warnings,
            (count(*) FILTER (WHERE e.kind = 'breached'))::float8 AS breaches,
            (count(*) FILTER (WHERE e.kind = 'met'))::float8 AS met
       FROM sla_events e JOIN conversations c ON c.id = e.conversation_id
      WHERE e.tenant_id = $1 AND e.kind IN ('warning', 'breached', 'met')
        AND e.at >= to_timestamp($2::float8 / 1000.0) AND e.at < to_timestamp($3::float8 / 1000.0)
        AND ${id} IS NOT NULL ${idFilter}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    params,
  );
  return rows.map((r) => ({
    dimensionId: r.id,
    target: r.target,
    warnings: Number(r.warnings),
    breaches: Number(r.breaches),
    met: Number(r.met),
  }));
}
