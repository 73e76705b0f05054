// The reads a batch needs beyond the tenant's intake memory, each one set-based: which channel message ids
// are already stored, who unknown addresses belong to, which conversations of the senders were resolved within
// the reopen window (only once memory has had to forget some), and (for new conversations of known customers)
// who helped them before. Also the open and recently resolved work loaded when a router takes a tenant over.
import type { InboundContactV1 } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import { identityKey, messageKey, TenantIntakeState, type ResolvedConversation } from './intake-state';

export interface CustomerRelationship {
  preferredAgentId: string | null;
  lastAgentId: string | null;
  lastHandledAt: number | null;
}

const PREVIEW_CHARS = 280;

/** How far back a conversation's resolution lets a message reopen it. */
export interface ReopenWindow {
  windowMs: number;
  now: number;
}

type ResolvedRow = {
  id: string;
  customer_id: string;
  channel: string;
  thread_key: string | null;
  created_at: Date | string;
  resolved_at: Date | string;
  last_agent_id: string | null;
  offers: string | number;
};

/** The columns of a resolved conversation `c` that a reopen needs: its last agent and how many offers it had. */
const RESOLVED_COLUMNS = `c.id, c.customer_id, c.channel, c.thread_key, c.created_at, c.resolved_at,
  (SELECT a.agent_id FROM assignments a WHERE a.conversation_id = c.id
    ORDER BY a.assigned_at DESC LIMIT 1) AS last_agent_id,
  (SELECT count(*) FROM offers o WHERE o.conversation_id = c.id) AS offers`;

const toResolved = (row: ResolvedRow): ResolvedConversation => ({
  id: row.id,
  customerId: row.customer_id,
  channel: row.channel,
  threadKey: row.thread_key,
  createdAt: new Date(row.created_at).getTime(),
  resolvedAt: new Date(row.resolved_at).getTime(),
  lastAgentId: row.last_agent_id,
  offerAttempts: Number(row.offers),
});

/** Oldest resolution first, so the state's bound forgets the stalest. */
function rememberAll(state: TenantIntakeState, rows: readonly ResolvedRow[]): void {
  for (const row of rows) state.rememberResolved(toResolved(row));
}

/**
 * Senders' conversations resolved within the window, read only when the state's memory of them is incomplete
 * and only for records with no open conversation in memory.
 */
function resolvedLookup(
  sql: SqlExecutor,
  tenantId: string,
  state: TenantIntakeState,
  records: readonly InboundContactV1[],
  reopen: ReopenWindow,
): Promise<ResolvedRow[]> {
  if (reopen.windowMs <= 0) return Promise.resolve([]);
  // The oldest message of the batch sets how far back a reopen can reach.
  const cutoff = Math.min(reopen.now, ...records.map((r) => Date.parse(r.receivedAt))) - reopen.windowMs;
  state.forgetResolvedBefore(cutoff);
  if (state.resolvedComplete) return Promise.resolve([]);
  const missing = records.filter((r) => {
    const customerId = state.identities.get(identityKey(r.channel, r.from.address));
    return !customerId || !state.openConversationFor(customerId, r.channel, r.threadKey);
  });
  if (missing.length === 0) return Promise.resolve([]);
  return sql.query<ResolvedRow>(
    `SELECT ${RESOLVED_COLUMNS}
       FROM conversations c
      WHERE c.tenant_id = $1 AND c.status = 'resolved' AND c.resolved_at >= to_timestamp($4 / 1000.0)
        AND (c.customer_id, c.channel) IN (
          SELECT ci.customer_id, ci.channel FROM customer_identities ci
            JOIN unnest($2::text[], $3::text[]) AS k(channel, address)
              ON ci.channel = k.channel AND ci.address = k.address
           WHERE ci.tenant_id = $1)
      ORDER BY c.resolved_at, c.id`,
    [tenantId, missing.map((r) => r.channel), missing.map((r) => r.from.address), cutoff],
  );
}

/** Merges what the database knows about this batch's senders into the state; returns stored message keys. */
export async function prepareIntake(
  sql: SqlExecutor,
  tenantId: string,
  state: TenantIntakeState,
  records: readonly InboundContactV1[],
  reopen: ReopenWindow = { windowMs: 0, now: 0 },
): Promise<Set<string>> {
  const unseen = records.filter((r) => !state.recentMessages.has(messageKey(r.channel, r.channelMessageId)));
  const unknownAddresses = [
    ...new Set(
      records
        .filter((r) => !state.identities.has(identityKey(r.channel, r.from.address)))
        .map((r) => r.from.address),
    ),
  ];
  const [stored, identities, resolved] = await Promise.all([
    unseen.length === 0
      ? []
      : sql.query<{ channel: string; channel_message_id: string }>(
          `SELECT m.channel, m.channel_message_id FROM messages m
             JOIN unnest($2::text[], $3::text[]) AS k(channel, id)
               ON m.channel = k.channel AND m.channel_message_id = k.id
            WHERE m.tenant_id = $1`,
          [tenantId, unseen.map((r) => r.channel), unseen.map((r) => r.channelMessageId)],
        ),
    unknownAddresses.length === 0
      ? []
      : sql.query<{ channel: string; address: string; customer_id: string }>(
          `SELECT channel, address, customer_id FROM customer_identities
            WHERE tenant_id = $1 AND address = ANY($2::text[]) ORDER BY id`,
          [tenantId, unknownAddresses],
        ),
    resolvedLookup(sql, tenantId, state, records, reopen),
  ]);
  // Ordered by id, so the first identity of an address names the customer it merges into.
  for (const row of identities) state.rememberIdentity(row.channel, row.address, row.customer_id);
  rememberAll(state, resolved);
  return new Set(stored.map((row) => messageKey(row.channel, row.channel_message_id)));
}

export async function customerRelationships(
  sql: SqlExecutor,
  tenantId: string,
  customerIds: readonly string[],
): Promise<Map<string, CustomerRelationship>> {
  if (customerIds.length === 0) return new Map();
  const rows = await sql.query<{
    id: string;
    preferred_agent_id: string | null;
    agent_id: string | null;
    handled_at: Date | string | null;
  }>(
    `SELECT c.id, c.preferred_agent_id, last.agent_id, last.handled_at
       FROM customers c
       LEFT JOIN LATERAL (
         SELECT a.agent_id, COALESCE(a.ended_at, a.assigned_at) AS handled_at
           FROM assignments a JOIN conversations cv ON cv.id = a.conversation_id
          WHERE cv.customer_id = c.id AND a.tenant_id = $1
          ORDER BY a.assigned_at DESC LIMIT 1
       ) last ON true
      WHERE c.tenant_id = $1 AND c.id = ANY($2::text[])`,
    [tenantId, [...customerIds]],
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        preferredAgentId: row.preferred_agent_id,
        lastAgentId: row.agent_id,
        lastHandledAt: row.handled_at === null ? null : new Date(row.handled_at).getTime(),
      },
    ]),
  );
}

/**
 * A fresh intake state holding the tenant's open conversations, with the latest inbound text of each, and those
 * resolved within the reopen window.
 */
export async function loadIntakeState(
  sql: SqlExecutor,
  tenantId: string,
  reopen: ReopenWindow = { windowMs: 0, now: 0 },
): Promise<TenantIntakeState> {
  const resolvedRead: Promise<ResolvedRow[]> =
    reopen.windowMs <= 0
      ? Promise.resolve([])
      : sql.query<ResolvedRow>(
          `SELECT ${RESOLVED_COLUMNS} FROM conversations c
            WHERE c.tenant_id = $1 AND c.status = 'resolved' AND c.resolved_at >= to_timestamp($2 / 1000.0)
            ORDER BY c.resolved_at, c.id`,
          [tenantId, reopen.now - reopen.windowMs],
        );
  const openRead = sql.query<{
    id: string;
    customer_id: string;
    channel: string;
    thread_key: string | null;
    created_at: Date | string;
    preview: string | null;
  }>(
    `SELECT c.id, c.customer_id, c.channel, c.thread_key, c.created_at,
            (SELECT left(m.body, ${PREVIEW_CHARS}) FROM messages m
              WHERE m.conversation_id = c.id AND m.direction = 'inbound'
              ORDER BY m.sent_at DESC LIMIT 1) AS preview
       FROM conversations c
      WHERE c.tenant_id = $1 AND c.status <> 'resolved'`,
    [tenantId],
  );
  const [rows, resolved] = await Promise.all([openRead, resolvedRead]);
  const state = new TenantIntakeState();
  for (const row of rows) {
    state.addOpen({
      id: row.id,
      customerId: row.customer_id,
      channel: row.channel,
      threadKey: row.thread_key,
      createdAt: new Date(row.created_at).getTime(),
      preview: row.preview ?? '',
    });
  }
  rememberAll(state, resolved);
  return state;
}
