// Plans a reported delivery status without I/O. Status only moves forward (queued, then sent, then delivered
// or failed), so a late or repeated report (a retried publish, a platform resending its webhook) changes
// nothing. A report for a message we do not know is ignored: platforms report on messages sent elsewhere.
import type { DeliveryState, DeliveryStatusV1 } from '@switchboard/contracts';
import type { WriteSet } from '../write/write-set';

export type StoredDeliveryState = 'queued' | DeliveryState;

export interface StoredReply {
  id: string;
  conversationId: string;
  agentId: string | null;
  channel: string;
  providerMessageId: string | null;
  status: StoredDeliveryState;
}

export interface DeliveryFacts {
  /** By message id; updated as the plan goes, so later reports in the same batch see earlier ones. */
  replies: Map<string, StoredReply>;
  /** providerKey(channel, provider message id) -> message id. */
  byProvider: Map<string, string>;
}

export type DeliveryOutcome = 'applied' | 'stale' | 'unknown';

export const providerKey = (channel: string, providerMessageId: string): string =>
  `${channel}\u0000${providerMessageId}`;

const RANK: Record<StoredDeliveryState, number> = { queued: 0, sent: 1, delivered: 2, failed: 2 };

export function planDeliveryStatus(
  record: DeliveryStatusV1,
  facts: DeliveryFacts,
  set: WriteSet,
): DeliveryOutcome {
  const messageId =
    record.by === 'message'
      ? record.messageId
      : facts.byProvider.get(providerKey(record.channel, record.providerMessageId));
  const reply = messageId === undefined ? undefined : facts.replies.get(messageId);
  if (!reply) return 'unknown';
  if (RANK[record.status] <= RANK[reply.status]) return 'stale';
  const providerMessageId = record.providerMessageId ?? null;
  reply.status = record.status;
  if (providerMessageId !== null) {
    reply.providerMessageId = providerMessageId;
    facts.byProvider.set(providerKey(reply.channel, providerMessageId), reply.id);
  }
  const reason = record.reason ?? null;
  set.setDelivery(reply.id, { status: record.status, at: Date.parse(record.at), providerMessageId, reason });
  set.events.push({
    type: 'delivery.status',
    conversationId: reply.conversationId,
    messageId: reply.id,
    agentId: reply.agentId,
    status: record.status,
    providerMessageId: reply.providerMessageId,
    reason,
  });
  return 'applied';
}
