// Rows of the router's messages to customers (ADR 0025): system messages, wait predictions and CSAT answers
// taken by reply. Kept apart from the write set they belong to, which holds them in arrays of these.
import type { OutboundKind } from '@switchboard/contracts';

/** An outbound message the router writes itself, with no agent (ADR 0025); delivered like a reply. */
export interface SystemMessageRow {
  id: string;
  conversationId: string;
  kind: Exclude<OutboundKind, 'agent'>;
  channel: string;
  /** Our idempotency key, unique per tenant and channel like any message id. */
  channelMessageId: string;
  body: string;
  html: string | null;
  sentAt: number;
}

/** A wait prediction told to a customer; scored by the writer when the conversation is assigned. */
export interface WaitEstimateRow {
  id: string;
  conversationId: string;
  queueId: string | null;
  channel: string;
  arrivedAt: number;
  madeAt: number;
  predictedMs: number | null;
  /** JSON WaitEstimateBasis. */
  basis: string;
}

/** A customer's CSAT answer taken by the router (a bare 1-5 reply on a social channel). */
export interface CsatAnswerRow {
  id: string;
  conversationId: string;
  agentId: string | null;
  score: number;
  channel: string;
  at: number;
}
