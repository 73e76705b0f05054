// The set-based reads a chunk of replies and delivery reports needs, one statement per kind of fact: the
// conversations being replied to (channel, the customer's address, thread data), which reply keys are already
// stored, and the stored replies that reports concern.
import { ChannelSchema, type DeliveryStatusV1 } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import { providerKey, type DeliveryFacts, type StoredDeliveryState } from './delivery-status.planner';
import { replyKey, type ReplyCommand, type ReplyFacts, type ReplyTarget } from './reply.planner';

export async function loadReplyFacts(
  sql: SqlExecutor,
  tenantId: string,
  replies: readonly ReplyCommand[],
): Promise<ReplyFacts> {
  if (replies.length === 0) return { targets: new Map(), storedKeys: new Set() };
  const conversations = [...new Set(replies.map((r) => r.conversationId))];
  const [targets, stored] = await Promise.all([
    // The address is the customer's first identity on the conversation's channel; the inReplyTo is the
    // customer's latest message; the inbox is the one the conversation came in through, when it has one.
    sql.query<{
      id: string;
      channel: string;
      thread_key: string | null;
      subject: string | null;
      inbox_id: string | null;
      address: string | null;
      in_reply_to: string | null;
    }>(
      `SELECT c.id, c.channel, c.thread_key, c.subject, c.inbox_id,
              (SELECT ci.address FROM customer_identities ci
                WHERE ci.customer_id = c.customer_id AND ci.channel = c.channel ORDER BY ci.id LIMIT 1) AS address,
              (SELECT m.channel_message_id FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                ORDER BY m.sent_at DESC LIMIT 1) AS in_reply_to
         FROM conversations c
        WHERE c.tenant_id = $1 AND c.id = ANY($2::text[])`,
      [tenantId, conversations],
    ),
    sql.query<{ channel_message_id: string }>(
      `SELECT m.channel_message_id FROM messages m
         JOIN unnest($2::text[], $3::text[]) AS k(conversation, key)
           ON m.conversation_id = k.conversation AND m.channel_message_id = k.key
        WHERE m.tenant_id = $1 AND m.direction = 'outbound'`,
      [tenantId, replies.map((r) => r.conversationId), replies.map(replyKey)],
    ),
  ]);
  const byId = new Map<string, ReplyTarget>();
  for (const row of targets) {
    const channel = ChannelSchema.safeParse(row.channel);
    if (!channel.success || !row.address) continue;
    byId.set(row.id, {
      channel: channel.data,
      inboxId: row.inbox_id,
      address: row.address,
      threadKey: row.thread_key,
      inReplyTo: row.in_reply_to,
      subject: row.subject,
    });
  }
  return { targets: byId, storedKeys: new Set(stored.map((row) => row.channel_message_id)) };
}

export async function loadDeliveryFacts(
  sql: SqlExecutor,
  tenantId: string,
  reports: readonly DeliveryStatusV1[],
): Promise<DeliveryFacts> {
  const facts: DeliveryFacts = { replies: new Map(), byProvider: new Map() };
  if (reports.length === 0) return facts;
  const ids = reports.flatMap((r) => (r.by === 'message' ? [r.messageId] : []));
  const byProvider = reports.flatMap((r) => (r.by === 'provider' ? [r] : []));
  const rows = await sql.query<{
    id: string;
    conversation_id: string;
    agent_id: string | null;
    channel: string;
    provider_message_id: string | null;
    delivery_status: StoredDeliveryState | null;
  }>(
    `SELECT m.id, m.conversation_id, m.agent_id, m.channel, m.provider_message_id, m.delivery_status
       FROM messages m
      WHERE m.tenant_id = $1 AND m.direction = 'outbound'
        AND (m.id = ANY($2::text[])
             OR (m.channel, m.provider_message_id) IN (SELECT * FROM unnest($3::text[], $4::text[])))`,
    [tenantId, ids, byProvider.map((r) => r.channel), byProvider.map((r) => r.providerMessageId)],
  );
  for (const row of rows) {
    facts.replies.set(row.id, {
      id: row.id,
      conversationId: row.conversation_id,
      agentId: row.agent_id,
      channel: row.channel,
      providerMessageId: row.provider_message_id,
      status: row.delivery_status ?? 'queued',
    });
    if (row.provider_message_id)
      facts.byProvider.set(providerKey(row.channel, row.provider_message_id), row.id);
  }
  return facts;
}
