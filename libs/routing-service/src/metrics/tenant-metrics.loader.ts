// Rebuilds a tenant's metric memory when the router takes it over: its open conversations (queued at their
// creation, the open assignment if any, replied once a first response is stored) and its agents' statuses.
import { AgentStatusSchema, ChannelSchema } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import {
  bucketClock,
  createDayTally,
  emptyCounters,
  rollupColumnOf,
  type DayTally,
  type RollupRow,
  type TrackerRestore,
} from '@switchboard/metrics';

interface OpenConversationRow extends Record<string, unknown> {
  id: string;
  queue_id: string | null;
  channel: string;
  created_at: Date;
  first_response_at: Date | null;
  agent_id: string | null;
  assigned_at: Date | null;
}

/**
 * What is approximate after a takeover: waits run from the conversation's creation (not from its last
 * reopening), a next-response clock running at the takeover is not measured, and agent spans restart at `at`.
 */
export async function loadMetricsRestore(
  sql: SqlExecutor,
  tenantId: string,
  at: number,
): Promise<TrackerRestore> {
  const [conversations, agents] = await Promise.all([
    sql.query<OpenConversationRow>(
      `SELECT c.id, c.queue_id, c.channel, c.created_at, c.first_response_at, a.agent_id, a.assigned_at
         FROM conversations c
         LEFT JOIN assignments a ON a.conversation_id = c.id AND a.tenant_id = c.tenant_id AND a.ended_at IS NULL
        WHERE c.tenant_id = $1 AND c.status <> 'resolved'`,
      [tenantId],
    ),
    sql.query<{ id: string; status: string }>(`SELECT id, status FROM agents WHERE tenant_id = $1`, [
      tenantId,
    ]),
  ]);
  return {
    at,
    conversations: conversations.map((c) => ({
      conversationId: c.id,
      queueId: c.queue_id,
      channel: ChannelSchema.parse(c.channel),
      queuedAt: new Date(c.created_at).getTime(),
      assignment:
        c.agent_id !== null && c.assigned_at !== null
          ? { agentId: c.agent_id, acceptedAt: new Date(c.assigned_at).getTime() }
          : null,
      replied: c.first_response_at !== null,
      awaitingReplySince: null,
    })),
    agents: agents.map((a) => ({ agentId: a.id, status: AgentStatusSchema.parse(a.status) })),
  };
}

const DAY_FIGURE_COLUMNS = [
  'answered',
  'answeredWaitMsSum',
  'answeredWithThreshold',
  'answeredWithinThreshold',
  'abandoned',
  'abandonedWithinThreshold',
  'abandonedAfterThreshold',
] as const;

/**
 * The tenant's and its queues' quarter-hour rollups of the local day [`dayStart`, `dayEnd`), summed per
 * dimension, with the columns the live day tally reads: one indexed read when the router takes the tenant over
 * or its time zone changes, so wallboards start from the day so far.
 */
export async function loadDayRows(
  sql: SqlExecutor,
  tenantId: string,
  dayStart: number,
  dayEnd: number,
): Promise<RollupRow[]> {
  const columns = DAY_FIGURE_COLUMNS.map((c) => `SUM(${rollupColumnOf(c)})::float8 AS "${c}"`).join(', ');
  const rows = await sql.query<Record<(typeof DAY_FIGURE_COLUMNS)[number], number> & DayRowKey>(
    `SELECT dimension, dimension_id, ${columns}
       FROM metric_rollups
      WHERE tenant_id = $1 AND bucket_interval = '15m'
        AND bucket_start >= to_timestamp($2::float8 / 1000) AND bucket_start < to_timestamp($3::float8 / 1000)
        AND dimension IN ('tenant', 'queue')
      GROUP BY dimension, dimension_id`,
    [tenantId, dayStart, dayEnd],
  );
  return rows.map((row) => {
    const counters = emptyCounters();
    for (const column of DAY_FIGURE_COLUMNS) counters[column] = Number(row[column]);
    return {
      tenantId,
      dimension: row.dimension === 'tenant' ? 'tenant' : 'queue',
      dimensionId: row.dimension_id,
      interval: '15m',
      bucketStart: dayStart,
      counters,
    };
  });
}

/** A tenant's live day tally in its time zone, restored from what is stored of its day so far. */
export async function loadDayTally(
  sql: SqlExecutor,
  tenantId: string,
  timeZone: string,
  at: number,
): Promise<DayTally> {
  const clock = bucketClock(timeZone);
  const dayStart = clock.startOf('1d', at);
  const tally = createDayTally(timeZone);
  tally.restore(await loadDayRows(sql, tenantId, dayStart, clock.nextStart('1d', dayStart)), at);
  return tally;
}

interface DayRowKey extends Record<string, unknown> {
  dimension: string;
  dimension_id: string;
}
