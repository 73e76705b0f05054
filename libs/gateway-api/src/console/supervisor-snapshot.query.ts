// A supervisor's console snapshot: each queue's waiting contacts and today's service level and ASA (from the
// 15-minute metric rollups since the tenant's local midnight, as the live queue stats count them), the agents'
// status and load, and the last 24 hours' SLA breaches.
import { AgentStatusSchema, SlaTargetNameSchema, type SupervisorSnapshot } from '@switchboard/contracts';
import { bucketClock, summarize, type RollupRow } from '@switchboard/metrics';
import type { SqlExecutor } from '@switchboard/persistence';
import { capacityOf } from '../reports/get-live-metrics.usecase';
import { readRollupRows } from '../reports/rollup-rows.reader';
import { iso } from './agent-snapshot.query';

const DAY_MS = 86_400_000;
/** The newest breaches shown; a wallboard lists a few. */
const MAX_BREACHES = 200;

type SupervisorPart = Omit<SupervisorSnapshot, 'role' | 'tenantId' | 'headSeq'>;

export async function readSupervisorSnapshot(
  sql: SqlExecutor,
  tenantId: string,
  now: number,
): Promise<SupervisorPart> {
  const zone = await sql.query<{ time_zone: string }>(
    `SELECT time_zone FROM tenant_settings WHERE tenant_id = $1`,
    [tenantId],
  );
  const clock = bucketClock(zone[0]?.time_zone ?? 'UTC');
  const dayStart = clock.startOf('1d', now);
  const [queues, waiting, today, agents, breaches] = [
    await sql.query<{ id: string; name: string }>(
      `SELECT id, name FROM queues WHERE tenant_id = $1 ORDER BY name, id`,
      [tenantId],
    ),
    await sql.query<{ queue_id: string; waiting: number; oldest: number }>(
      `SELECT queue_id, count(*)::float8 AS waiting, (extract(epoch FROM min(created_at)) * 1000)::float8 AS oldest
         FROM conversations WHERE tenant_id = $1 AND status IN ('queued', 'offered') AND queue_id IS NOT NULL
        GROUP BY queue_id`,
      [tenantId],
    ),
    await readRollupRows(sql, {
      tenantId,
      dimension: 'queue',
      interval: '15m',
      from: dayStart,
      to: clock.nextStart('1d', dayStart),
    }),
    await sql.query<{
      id: string;
      display_name: string;
      status: string;
      capacity: unknown;
      max_units: number | null;
      load: number;
    }>(
      `SELECT a.id, a.display_name, a.status, a.capacity, a.max_units,
              ((SELECT count(*) FROM assignments s WHERE s.tenant_id = a.tenant_id AND s.agent_id = a.id AND s.ended_at IS NULL)
             + (SELECT count(*) FROM offers o WHERE o.tenant_id = a.tenant_id AND o.agent_id = a.id AND o.status = 'pending'))::float8 AS load
         FROM agents a WHERE a.tenant_id = $1 AND a.active ORDER BY a.display_name, a.id`,
      [tenantId],
    ),
    await sql.query<{ payload: unknown; at: number }>(
      `SELECT payload, (extract(epoch FROM created_at) * 1000)::float8 AS at FROM routing_events
        WHERE tenant_id = $1 AND type = 'sla.breached' AND created_at >= to_timestamp($2::float8 / 1000.0)
        ORDER BY seq DESC LIMIT ${MAX_BREACHES}`,
      [tenantId, now - DAY_MS],
    ),
  ];
  const waitingOf = new Map(waiting.map((w) => [w.queue_id, w]));
  const rowsOf = groupBy(today, (row) => row.dimensionId);
  return {
    queues: queues.map(({ id, name }) => {
      const w = waitingOf.get(id);
      const metrics = rowsOf.has(id) ? summarize(rowsOf.get(id) ?? []) : null;
      return {
        queueId: id,
        name,
        waiting: w ? Number(w.waiting) : 0,
        longestWaitMs: w ? Math.max(0, Math.round(now - Number(w.oldest))) : 0,
        serviceLevelToday: metrics?.serviceLevel ?? null,
        asaTodayMs: metrics?.asaMs === null || metrics === null ? null : Math.round(metrics.asaMs),
        answeredToday: metrics?.answered ?? 0,
        abandonedToday: metrics?.abandoned ?? 0,
      };
    }),
    agents: agents.map((a) => ({
      agentId: a.id,
      name: a.display_name,
      status: AgentStatusSchema.parse(a.status),
      load: Number(a.load),
      capacity: capacityOf(a.capacity, a.max_units),
      // Connection presence is not stored: the use case fills it from the gateway's presence tracker.
      connected: null,
    })),
    breaches: breaches.flatMap(({ payload, at }) => {
      const event = payload as Record<string, unknown>;
      const target = SlaTargetNameSchema.safeParse(event.target);
      if (!target.success || typeof event.conversationId !== 'string') return [];
      return [
        {
          conversationId: event.conversationId,
          queueId: typeof event.queueId === 'string' ? event.queueId : null,
          agentId: typeof event.agentId === 'string' ? event.agentId : null,
          target: target.data,
          at: typeof event.at === 'string' ? event.at : iso(new Date(at)),
        },
      ];
    }),
  };
}

function groupBy(rows: readonly RollupRow[], key: (row: RollupRow) => string): Map<string, RollupRow[]> {
  const groups = new Map<string, RollupRow[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
