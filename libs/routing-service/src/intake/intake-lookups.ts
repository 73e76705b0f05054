// The reads a batch needs beyond the tenant's intake memory, each one set-based: which channel message ids
// are already stored, who unknown addresses belong to, and (for new conversations of known customers) who
// helped them before. Also the open-work load used when a router takes a tenant over.
import type { InboundContactV1 } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import { identityKey, messageKey, TenantIntakeState } from './intake-state';

export interface CustomerRelationship {
  preferredAgentId: string | null;
  lastAgentId: string | null;
  lastHandledAt: number | null;
}

const PREVIEW_CHARS = 280;

/** Merges what the database knows about this batch's senders into the state; returns stored message keys. */
export async function prepareIntake(
  sql: SqlExecutor,
  tenantId: string,
  state: TenantIntakeState,
  records: readonly InboundContactV1[],
): Promise<Set<string>> {
  const unseen = records.filter((r) => !state.recentMessages.has(messageKey(r.channel, r.channelMessageId)));
  const unknownAddresses = [
    ...new Set(
      records
        .filter((r) => !state.identities.has(identityKey(r.channel, r.from.address)))
        .map((r) => r.from.address),
    ),
  ];
  const [stored, identities] = await Promise.all([
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
  ]);
  // Ordered by id, so the first identity of an address names the customer it merges into.
  for (const row of identities) state.rememberIdentity(row.channel, row.address, row.customer_id);
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

/** A fresh intake state holding the tenant's open conversations, with the latest inbound text of each. */
export async function loadIntakeState(sql: SqlExecutor, tenantId: string): Promise<TenantIntakeState> {
  const rows = await sql.query<{
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
  return state;
}
