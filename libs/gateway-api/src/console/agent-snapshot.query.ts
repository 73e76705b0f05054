// An agent's console snapshot: their status and capacity, their pending offers, and the conversations they hold
// with the last message and the SLA badge. Runs inside the snapshot's transaction (get-console-snapshot).
import { AgentStatusSchema, ChannelSchema, type AgentSnapshot } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';
import { capacityOf } from '../reports/get-live-metrics.usecase';
import { slaCountdownOf } from './sla-countdown.util';

/** As long as the offer previews the router writes. */
const PREVIEW_CHARS = 280;
/** Far above any agent's capacity; bounds the read. */
const MAX_ROWS = 500;

type AgentPart = Omit<AgentSnapshot, 'role' | 'tenantId' | 'headSeq'>;

export async function readAgentSnapshot(
  sql: SqlExecutor,
  tenantId: string,
  agentId: string,
): Promise<AgentPart | null> {
  const [agent] = await sql.query<{
    display_name: string;
    status: string;
    capacity: unknown;
    max_units: number | null;
  }>(`SELECT display_name, status, capacity, max_units FROM agents WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    agentId,
  ]);
  if (!agent) return null;
  const offers = await sql.query<{
    id: string;
    conversation_id: string;
    channel: string;
    expires_at: Date;
    preview: string | null;
  }>(
    `SELECT o.id, o.conversation_id, c.channel, o.expires_at,
            (SELECT left(m.body, ${PREVIEW_CHARS}) FROM messages m
              WHERE m.conversation_id = c.id AND m.direction = 'inbound' ORDER BY m.sent_at DESC LIMIT 1) AS preview
       FROM offers o JOIN conversations c ON c.id = o.conversation_id
      WHERE o.tenant_id = $1 AND o.agent_id = $2 AND o.status = 'pending'
      ORDER BY o.offered_at LIMIT ${MAX_ROWS}`,
    [tenantId, agentId],
  );
  const held = await sql.query<{
    id: string;
    customer_id: string;
    customer_name: string | null;
    channel: string;
    queue_id: string | null;
    status: string;
    assigned_at: Date;
    last_message_at: Date | null;
    last_preview: string | null;
    sla_clocks: unknown;
  }>(
    `SELECT c.id, c.customer_id, cu.display_name AS customer_name, c.channel, c.queue_id, c.status::text AS status,
            a.assigned_at, c.last_message_at, c.sla_clocks,
            (SELECT left(m.body, ${PREVIEW_CHARS}) FROM messages m
              WHERE m.conversation_id = c.id ORDER BY m.sent_at DESC LIMIT 1) AS last_preview
       FROM assignments a
       JOIN conversations c ON c.id = a.conversation_id
       JOIN customers cu ON cu.id = c.customer_id
      WHERE a.tenant_id = $1 AND a.agent_id = $2 AND a.ended_at IS NULL
      ORDER BY a.assigned_at LIMIT ${MAX_ROWS}`,
    [tenantId, agentId],
  );
  return {
    agent: {
      agentId,
      name: agent.display_name,
      status: AgentStatusSchema.parse(agent.status),
      capacity: capacityOf(agent.capacity, agent.max_units),
    },
    offers: offers.map((o) => ({
      offerId: o.id,
      conversationId: o.conversation_id,
      channel: ChannelSchema.parse(o.channel),
      expiresAt: iso(o.expires_at),
      preview: o.preview ?? '',
    })),
    conversations: held.map((c) => ({
      conversationId: c.id,
      customerId: c.customer_id,
      customerName: c.customer_name,
      channel: ChannelSchema.parse(c.channel),
      queueId: c.queue_id,
      status: c.status,
      assignedAt: iso(c.assigned_at),
      lastMessageAt: c.last_message_at ? iso(c.last_message_at) : null,
      lastMessagePreview: c.last_preview,
      sla: slaCountdownOf(c.sla_clocks),
    })),
  };
}

/** pg returns timestamptz as Date, PGlite too; both become ISO strings here. */
export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}
