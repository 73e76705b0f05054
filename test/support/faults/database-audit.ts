// The end-of-scenario audit every fault test runs, in plain SQL against the system of record:
// nothing accepted is lost, nothing is stored or held twice, no agent is over capacity, and every offer the
// database holds reached its agent's socket.
import { Client } from 'pg';
import { expect } from 'vitest';

/** An inbound record the edge acknowledged (Kafka acked the produce, or REST answered 202). */
export interface AcceptedRecord {
  tenantId: string;
  channel: string;
  channelMessageId: string;
}

export interface AuditReport {
  /** Distinct accepted records checked. */
  accepted: number;
  /** Accepted but not stored, or stored without its conversation. */
  lost: string[];
  /** Channel message ids stored more than once. */
  duplicateMessages: string[];
  /** Conversations holding more than one pending offer. */
  duplicatePendingOffers: string[];
  /** Conversations holding more than one open assignment. */
  duplicateOpenAssignments: string[];
  /** Conversations with a pending offer while assigned, or two assignments whose lifetimes overlap. */
  doubleAssigned: string[];
  /** Agents whose open work (now) or open assignments (at any assignment's start) exceeded their capacity. */
  overCapacity: string[];
}

const CLASS_OF = `CASE c.channel WHEN 'chat' THEN 'chat' WHEN 'email' THEN 'email' WHEN 'voice' THEN 'voice'
                  ELSE 'social' END`;

/** Audits the tenants' data (all tenants in the database when `tenantIds` is empty). */
export async function auditDatabase(
  url: string,
  accepted: readonly AcceptedRecord[],
  tenantIds: readonly string[] = [],
): Promise<AuditReport> {
  const distinct = new Map(accepted.map((r) => [`${r.tenantId}|${r.channel}|${r.channelMessageId}`, r]));
  const records = [...distinct.values()];
  const client = new Client({ connectionString: url });
  await client.connect();
  const scope = tenantIds.length > 0 ? [...tenantIds] : null;
  const rows = async (sql: string, params: unknown[] = []): Promise<string[]> =>
    (await client.query<{ v: string }>(sql, params)).rows.map((r) => r.v);
  try {
    return {
      accepted: records.length,
      lost: await rows(
        `SELECT a.tenant || ' ' || a.channel || ' ' || a.cmid AS v
           FROM unnest($1::text[], $2::text[], $3::text[]) AS a(tenant, channel, cmid)
           LEFT JOIN messages m
             ON m.tenant_id = a.tenant AND m.channel = a.channel AND m.channel_message_id = a.cmid
            AND m.direction = 'inbound'
           LEFT JOIN conversations c ON c.id = m.conversation_id
          WHERE m.id IS NULL OR c.id IS NULL`,
        [
          records.map((r) => r.tenantId),
          records.map((r) => r.channel),
          records.map((r) => r.channelMessageId),
        ],
      ),
      duplicateMessages: await rows(
        `SELECT tenant_id || ' ' || channel || ' ' || channel_message_id || ' x' || count(*) AS v
           FROM messages WHERE ($1::text[] IS NULL OR tenant_id = ANY($1))
          GROUP BY tenant_id, channel, channel_message_id HAVING count(*) > 1`,
        [scope],
      ),
      duplicatePendingOffers: await rows(
        `SELECT conversation_id || ' x' || count(*) AS v FROM offers
          WHERE status = 'pending' AND ($1::text[] IS NULL OR tenant_id = ANY($1))
          GROUP BY conversation_id HAVING count(*) > 1`,
        [scope],
      ),
      duplicateOpenAssignments: await rows(
        `SELECT conversation_id || ' x' || count(*) AS v FROM assignments
          WHERE ended_at IS NULL AND ($1::text[] IS NULL OR tenant_id = ANY($1))
          GROUP BY conversation_id HAVING count(*) > 1`,
        [scope],
      ),
      doubleAssigned: await rows(
        `SELECT 'pending offer ' || o.id || ' on assigned conversation ' || o.conversation_id AS v
           FROM offers o JOIN assignments a ON a.conversation_id = o.conversation_id AND a.ended_at IS NULL
          WHERE o.status = 'pending' AND ($1::text[] IS NULL OR o.tenant_id = ANY($1))
         UNION ALL
         SELECT 'overlapping assignments ' || a.id || ' and ' || b.id || ' on ' || a.conversation_id
           FROM assignments a JOIN assignments b ON b.conversation_id = a.conversation_id AND a.id < b.id
          WHERE ($1::text[] IS NULL OR a.tenant_id = ANY($1))
            AND tstzrange(a.assigned_at, coalesce(a.ended_at, 'infinity'))
             && tstzrange(b.assigned_at, coalesce(b.ended_at, 'infinity'))`,
        [scope],
      ),
      overCapacity: await rows(overCapacitySql(), [scope]),
    };
  } finally {
    await client.end();
  }
}

/**
 * Capacity as the routing core counts it (routing-input.mapper: per channel class from agents.capacity, a
 * missing class is 0; agents.max_units caps the total, one unit per contact): now, pending offers hold a
 * slot too; in history, the open assignments at the moment each assignment began.
 */
function overCapacitySql(): string {
  return `
    WITH work AS (
      SELECT o.agent_id, ${CLASS_OF} AS cls FROM offers o JOIN conversations c ON c.id = o.conversation_id
       WHERE o.status = 'pending' AND ($1::text[] IS NULL OR o.tenant_id = ANY($1))
      UNION ALL
      SELECT a.agent_id, ${CLASS_OF} FROM assignments a JOIN conversations c ON c.id = a.conversation_id
       WHERE a.ended_at IS NULL AND ($1::text[] IS NULL OR a.tenant_id = ANY($1))
    ), now_per_class AS (
      SELECT agent_id, cls, count(*) AS n FROM work GROUP BY agent_id, cls
    ), history AS (
      SELECT a.id, a.agent_id, ${CLASS_OF} AS cls,
             (SELECT count(*) FROM assignments b JOIN conversations bc ON bc.id = b.conversation_id
               WHERE b.agent_id = a.agent_id
                 AND (CASE bc.channel WHEN 'chat' THEN 'chat' WHEN 'email' THEN 'email' WHEN 'voice' THEN 'voice'
                      ELSE 'social' END) = ${CLASS_OF}
                 AND b.assigned_at <= a.assigned_at
                 AND (b.ended_at IS NULL OR b.ended_at > a.assigned_at)) AS n,
             (SELECT count(*) FROM assignments b
               WHERE b.agent_id = a.agent_id AND b.assigned_at <= a.assigned_at
                 AND (b.ended_at IS NULL OR b.ended_at > a.assigned_at)) AS total
        FROM assignments a JOIN conversations c ON c.id = a.conversation_id
       WHERE ($1::text[] IS NULL OR a.tenant_id = ANY($1))
    )
    SELECT 'agent ' || p.agent_id || ' holds ' || p.n || ' ' || p.cls || ' now, capacity '
           || coalesce(g.capacity ->> p.cls, '0') AS v
      FROM now_per_class p JOIN agents g ON g.id = p.agent_id
     WHERE p.n > coalesce((g.capacity ->> p.cls)::int, 0)
    UNION ALL
    SELECT 'agent ' || g.id || ' holds ' || sum(p.n) || ' units now, max ' || g.max_units
      FROM now_per_class p JOIN agents g ON g.id = p.agent_id
     WHERE g.max_units IS NOT NULL GROUP BY g.id, g.max_units HAVING sum(p.n) > g.max_units
    UNION ALL
    SELECT 'agent ' || h.agent_id || ' had ' || h.n || ' ' || h.cls || ' assignments when ' || h.id
           || ' began, capacity ' || coalesce(g.capacity ->> h.cls, '0')
      FROM history h JOIN agents g ON g.id = h.agent_id
     WHERE h.n > coalesce((g.capacity ->> h.cls)::int, 0) OR (g.max_units IS NOT NULL AND h.total > g.max_units)`;
}

/** Offers the database holds for these tenants whose id never reached a socket. */
export async function undeliveredOffers(
  url: string,
  tenantIds: readonly string[],
  delivered: ReadonlySet<string>,
): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM offers WHERE tenant_id = ANY($1)`, [
      [...tenantIds],
    ]);
    return rows.map((r) => r.id).filter((id) => !delivered.has(id));
  } finally {
    await client.end();
  }
}

/** Fails with every finding at once, so a broken run says all that went wrong. */
export function expectCleanAudit(report: AuditReport): void {
  expect(report.accepted).toBeGreaterThan(0);
  expect({ ...report, accepted: undefined }).toEqual({
    accepted: undefined,
    lost: [],
    duplicateMessages: [],
    duplicatePendingOffers: [],
    duplicateOpenAssignments: [],
    doubleAssigned: [],
    overCapacity: [],
  });
}

/** What one customer sent: all of it should sit in one conversation while that conversation stays open. */
export interface CustomerThread {
  tenantId: string;
  channel: string;
  address: string;
  messages: number;
}

/**
 * Customers whose messages are not all in exactly one conversation (for scenarios where no conversation is
 * resolved, so every follow-up must thread into the customer's open conversation).
 */
export async function misthreaded(url: string, threads: readonly CustomerThread[]): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>(
      `WITH stored AS (
         SELECT c.tenant_id, c.channel, i.address, count(DISTINCT c.id) AS conversations, count(m.id) AS messages
           FROM messages m
           JOIN conversations c ON c.id = m.conversation_id AND m.direction = 'inbound'
           JOIN customer_identities i ON i.customer_id = c.customer_id AND i.channel = c.channel
          WHERE c.tenant_id = ANY($1)
          GROUP BY c.tenant_id, c.channel, i.address)
       SELECT e.tenant || ' ' || e.channel || ' ' || e.address || ': expected ' || e.n || ' messages in one conversation, got '
              || coalesce(s.messages, 0) || ' in ' || coalesce(s.conversations, 0) AS v
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int[]) AS e(tenant, channel, address, n)
         LEFT JOIN stored s ON s.tenant_id = e.tenant AND s.channel = e.channel AND s.address = e.address
        WHERE s.conversations IS DISTINCT FROM 1 OR s.messages IS DISTINCT FROM e.n`,
      [
        [...new Set(threads.map((t) => t.tenantId))],
        threads.map((t) => t.tenantId),
        threads.map((t) => t.channel),
        threads.map((t) => t.address),
        threads.map((t) => t.messages),
      ],
    );
    return rows.map((r) => r.v);
  } finally {
    await client.end();
  }
}
