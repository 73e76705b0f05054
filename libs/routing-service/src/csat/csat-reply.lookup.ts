// Finds, for a batch's bare 1-5 replies on channels without a survey page, the resolved conversation of the
// same customer address awaiting a CSAT answer: surveyed, unanswered and resolved within the answer window.
// One query per batch, and only when a record looks like an answer at all.
import type { InboundContactV1 } from '@switchboard/contracts';
import type { SqlExecutor } from '@switchboard/persistence';

/** A bare digit 1-5, optionally with surrounding spaces or a trailing full stop. */
const SCORE = /^\s*([1-5])\s*\.?\s*$/;

export function csatScoreOf(body: string): number | null {
  const match = SCORE.exec(body);
  return match ? Number(match[1]) : null;
}

export interface AwaitingCsat {
  queueId: string | null;
  channel: string;
  /** The agent who last had the conversation. */
  agentId: string | null;
}

/** Conversations awaiting an answer, by id; chat answers on its widget and is never looked up here. */
export async function loadAwaitingCsat(
  sql: SqlExecutor,
  tenantId: string,
  records: readonly InboundContactV1[],
  windowStart: number,
): Promise<Map<string, AwaitingCsat>> {
  const candidates = records.filter((r) => r.channel !== 'chat' && csatScoreOf(r.body) !== null);
  if (candidates.length === 0) return new Map();
  const rows = await sql.query<{
    id: string;
    queue_id: string | null;
    channel: string;
    agent_id: string | null;
  }>(
    `SELECT DISTINCT c.id, c.queue_id, c.channel,
            (SELECT a.agent_id FROM assignments a WHERE a.conversation_id = c.id
              ORDER BY a.assigned_at DESC LIMIT 1) AS agent_id
       FROM unnest($2::text[], $3::text[]) AS k(channel, address)
       JOIN customer_identities ci ON ci.tenant_id = $1 AND ci.channel = k.channel AND ci.address = k.address
       JOIN conversations c ON c.tenant_id = $1 AND c.customer_id = ci.customer_id AND c.channel = k.channel
      WHERE c.status = 'resolved' AND c.resolved_at >= to_timestamp($4 / 1000.0)
        AND EXISTS (SELECT 1 FROM messages s WHERE s.tenant_id = $1 AND s.channel = c.channel
                      AND s.channel_message_id = 'csat-survey:' || c.id)
        AND NOT EXISTS (SELECT 1 FROM csat_responses r WHERE r.conversation_id = c.id)`,
    [tenantId, candidates.map((r) => r.channel), candidates.map((r) => r.from.address), windowStart],
  );
  return new Map(rows.map((r) => [r.id, { queueId: r.queue_id, channel: r.channel, agentId: r.agent_id }]));
}
