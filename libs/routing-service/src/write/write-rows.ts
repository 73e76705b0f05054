// The rows of a router write set, one shape per table, as the planners fill them and the batch writer
// turns them into set-based statements. Times are epoch ms; JSON columns travel as text.
import type { DeliveryState } from '@switchboard/contracts';

export type ConversationStatus = 'queued' | 'offered' | 'assigned' | 'resolved';
export type OfferOutcome = 'accepted' | 'declined' | 'expired' | 'cancelled';
export type WireAgentStatus = 'offline' | 'available' | 'away' | 'busy' | 'wrap_up';

export interface CustomerRow {
  id: string;
  displayName: string | null;
  preferredLanguage: string | null;
  createdAt: number;
}

export interface IdentityRow {
  id: string;
  customerId: string;
  channel: string;
  address: string;
}

export interface ConversationRow {
  id: string;
  customerId: string;
  channel: string;
  queueId: string | null;
  /** The inbox the opening record named, if any. */
  inboxId: string | null;
  priority: number;
  tier: string;
  subject: string | null;
  language: string | null;
  threadKey: string | null;
  /** JSON object: skill -> minimum proficiency. */
  requiredSkills: string;
  lastMessageAt: number;
  createdAt: number;
  slaDeadline: number | null;
  /** Changes decided in the same batch are folded in, so the row is inserted as it ends up. */
  status: ConversationStatus;
  resolvedAt: number | null;
  /** JSON ConversationClocks; absent until the SLA step sets it. */
  slaClocks?: string | null;
  firstResponseAt?: number | null;
  /** JSON AppliedEscalation[]. */
  escalations?: string;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  channel: string;
  channelMessageId: string;
  body: string;
  /** The HTML form the sender wrote (email), kept beside the text body. */
  html: string | null;
  /** JSON array. */
  attachments: string;
  sentAt: number;
}

/** An agent's reply, stored as an outbound message. */
export interface ReplyRow {
  id: string;
  conversationId: string;
  agentId: string;
  channel: string;
  /** Our idempotency key for the reply (see replyKey), unique per tenant and channel like any message id. */
  channelMessageId: string;
  body: string;
  html: string | null;
  sentAt: number;
  deliveryStatus: 'queued' | DeliveryState;
  deliveryStatusAt: number;
  providerMessageId: string | null;
  deliveryError: string | null;
}

/** A reply's new delivery status; absent provider id and reason leave the stored ones. */
export interface DeliveryUpdate {
  status: DeliveryState;
  at: number;
  providerMessageId: string | null;
  reason: string | null;
}

/** Changes to an existing (or just inserted) conversation; absent fields stay as they are. */
export interface ConversationChange {
  status?: ConversationStatus;
  lastMessageAt?: number;
  /** `null` moves the conversation to the implicit default queue. */
  queueId?: string | null;
  /** `null` clears it: a reopened conversation is no longer resolved. */
  resolvedAt?: number | null;
  /** Written with resolvedAt (absent: null): set when the customer left before any agent answered. */
  abandonedAt?: number;
  /** A reopened conversation's new first-response deadline; `null` when it has no SLA. */
  slaDeadline?: number | null;
  /** JSON ConversationClocks, with the earliest running deadline (null: none runs). */
  sla?: { clocks: string; deadline: number | null };
  /** The first agent reply; an already stored one is kept. */
  firstResponseAt?: number;
  /** JSON AppliedEscalation[] of the conversation's current queue. */
  escalations?: string;
  /** The agent's wrap-up. Only an assigned conversation is wrapped up, so never one inserted in the batch. */
  wrapUp?: { disposition: string; notes: string | null };
}

/** An agent's internal note on a conversation: a message with direction internal, never sent. */
export interface NoteRow {
  id: string;
  conversationId: string;
  agentId: string;
  channel: string;
  /** `note:<commandId>`, so a redelivered command stores its note once. */
  channelMessageId: string;
  body: string;
  sentAt: number;
}

export interface SlaEventRow {
  id: string;
  conversationId: string;
  kind: 'started' | 'paused' | 'resumed' | 'warning' | 'breached' | 'met' | 'cancelled';
  at: number;
  deadline: number | null;
  /** JSON object. */
  payload: string;
}

export interface OfferRow {
  id: string;
  conversationId: string;
  agentId: string;
  offeredAt: number;
  expiresAt: number;
  /** JSON object: the decision's reason. */
  reason: string;
  /** An offer that also closed within the same batch is inserted closed. */
  status: 'pending' | OfferOutcome;
  respondedAt: number | null;
}

export interface AssignmentRow {
  id: string;
  conversationId: string;
  agentId: string;
  /** The accepted offer; the assignment copies its reason. */
  offerId: string;
  assignedAt: number;
  endedAt: number | null;
  /** The offer's reason (JSON) when the offer is in this batch; otherwise the writer copies the stored one. */
  reason: string | null;
}

export interface DecisionLogRow {
  id: string;
  conversationId: string | null;
  kind: string;
  /** JSON object. */
  payload: string;
  at: number;
}

export type FollowUpStatus = 'scheduled' | 'fired' | 'cancelled';

/** An agent's scheduled check-back on a conversation (follow-ups/). */
export interface FollowUpRow {
  id: string;
  conversationId: string;
  agentId: string;
  dueAt: number;
  note: string | null;
  /** A follow-up that also fired or was cancelled within the same batch is inserted so. */
  status: FollowUpStatus;
  createdAt: number;
  firedAt: number | null;
  cancelledAt: number | null;
}
