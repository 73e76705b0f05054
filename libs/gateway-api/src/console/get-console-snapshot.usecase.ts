// GET /v1/console/snapshot: what a console loads on start and on resync. Every read runs in one read-only
// repeatable-read transaction with the event log head, so `headSeq` is exactly the position the data is at.
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { DomainError, ErrorCode, type ConsoleSnapshot } from '@switchboard/contracts';
import { SQL_TRANSACTOR, type SqlExecutor, type SqlTransactor } from '@switchboard/persistence';
import { z } from 'zod';
import { PresenceTracker } from '../realtime/presence.tracker';
import { readAgentSnapshot } from './agent-snapshot.query';
import { readSupervisorSnapshot } from './supervisor-snapshot.query';

export const ConsoleSnapshotQuerySchema = z.strictObject({
  view: z.enum(['agent', 'supervisor']).optional(),
});
export type ConsoleSnapshotQuery = z.infer<typeof ConsoleSnapshotQuerySchema>;

@Injectable()
export class GetConsoleSnapshot {
  constructor(
    @Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly presence: PresenceTracker,
  ) {}

  async execute(
    principal: UserPrincipal,
    query: ConsoleSnapshotQuery,
    now = Date.now(),
  ): Promise<ConsoleSnapshot> {
    const view = viewOf(principal, query);
    const { tenantId } = principal;
    return this.sql.transaction(async (sql) => {
      // Before any read: every statement below then sees the same snapshot of the database.
      await sql.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const headSeq = await readHeadSeq(sql, tenantId);
      if (view === 'supervisor') {
        const wallboard = await readSupervisorSnapshot(sql, tenantId, now);
        const agents = wallboard.agents.map((a) => ({
          ...a,
          connected: this.connected(tenantId, a.agentId),
        }));
        return { role: 'supervisor', tenantId, headSeq, ...wallboard, agents };
      }
      const agentId = principal.agentId ?? '';
      const agent = await readAgentSnapshot(sql, tenantId, agentId);
      if (!agent) throw new DomainError(ErrorCode.NotFound, 'This user has no agent profile');
      return { role: 'agent', tenantId, headSeq, ...agent };
    });
  }

  private connected(tenantId: string, agentId: string): boolean | null {
    return connectedOf(this.presence.holds(tenantId, agentId), this.config.bus.kind === 'in-process');
  }
}

/**
 * What this gateway knows of an agent's console: open here is `true`. With the in-process bus this is the only
 * gateway, so none here is `false`; with Kafka another gateway may hold one, which this one cannot see: `null`.
 */
function connectedOf(holdsHere: boolean, soleGateway: boolean): boolean | null {
  if (holdsHere) return true;
  return soleGateway ? false : null;
}

/** Agents see their own work; supervisors and admins the wallboard, or their own work with `view=agent`. */
function viewOf(principal: UserPrincipal, query: ConsoleSnapshotQuery): 'agent' | 'supervisor' {
  if (principal.role === 'agent') {
    if (query.view === 'supervisor')
      throw new DomainError(ErrorCode.Forbidden, 'Agents have no supervisor view', [
        { path: 'view', message: 'agents may only ask for their own view' },
      ]);
    return 'agent';
  }
  if (query.view !== 'agent') return 'supervisor';
  if (!principal.agentId)
    throw new DomainError(ErrorCode.ValidationFailed, 'This user has no agent profile', [
      { path: 'view', message: 'only users with an agent profile have an agent view' },
    ]);
  return 'agent';
}

async function readHeadSeq(sql: SqlExecutor, tenantId: string): Promise<number> {
  const [row] = await sql.query<{ head: number }>(
    `SELECT coalesce(max(seq), 0)::float8 AS head FROM routing_events WHERE tenant_id = $1`,
    [tenantId],
  );
  return Number(row?.head ?? 0);
}
