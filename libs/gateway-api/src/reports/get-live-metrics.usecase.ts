// Live metrics: queue depth and longest current wait per queue, agents by status and occupancy, from two
// small reads of the tenant's open work (conversations still waiting, agents with their open assignments).
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { AgentStatusSchema, ChannelSchema } from '@switchboard/contracts';
import { liveSnapshot, type LiveSnapshot } from '@switchboard/metrics';
import { SQL_TRANSACTOR, type SqlTransactor } from '@switchboard/persistence';

export type LiveMetricsView = Omit<LiveSnapshot, 'at'> & { readonly at: string };

@Injectable()
export class GetLiveMetrics {
  constructor(@Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor) {}

  async execute(principal: UserPrincipal, now = Date.now()): Promise<LiveMetricsView> {
    const tenantId = principal.tenantId;
    const [waiting, agents] = await Promise.all([
      this.sql.query<{ queue_id: string | null; channel: string; queued_at: number }>(
        `SELECT queue_id, channel, (extract(epoch FROM created_at) * 1000)::float8 AS queued_at
           FROM conversations WHERE tenant_id = $1 AND status IN ('queued', 'offered')`,
        [tenantId],
      ),
      this.sql.query<{
        id: string;
        status: string;
        capacity: unknown;
        max_units: number | null;
        open: number;
      }>(
        `SELECT a.id, a.status, a.capacity, a.max_units,
                (SELECT count(*) FROM assignments s
                  WHERE s.tenant_id = a.tenant_id AND s.agent_id = a.id AND s.ended_at IS NULL)::float8 AS open
           FROM agents a WHERE a.tenant_id = $1 AND a.active`,
        [tenantId],
      ),
    ]);
    const snapshot = liveSnapshot({
      now,
      waiting: waiting.map((w) => ({
        queueId: w.queue_id,
        channel: ChannelSchema.parse(w.channel),
        queuedAt: Number(w.queued_at),
      })),
      agents: agents.map((a) => ({
        agentId: a.id,
        status: AgentStatusSchema.parse(a.status),
        openAssignments: Number(a.open),
        capacity: capacityOf(a.capacity, a.max_units),
      })),
    });
    return { ...snapshot, at: new Date(snapshot.at).toISOString() };
  }
}

/** Units over every channel class, capped by the agent's cross-channel limit. */
export function capacityOf(capacity: unknown, maxUnits: number | null): number {
  const perClass =
    capacity !== null && typeof capacity === 'object'
      ? Object.values(capacity).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0)
      : 0;
  return maxUnits === null ? perClass : Math.min(perClass, maxUnits);
}
