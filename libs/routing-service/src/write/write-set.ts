// Everything one router transaction writes for one tenant, as rows per table. The planners fill it in memory;
// the batch writer turns each array into one set-based statement, so a batch costs the same handful of
// statements whatever its size.
import type { DeliveryState, RoutingEventBody } from '@switchboard/contracts';
import type { CsatAnswerRow, SystemMessageRow, WaitEstimateRow } from './customer-message-rows.model';

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
  /** A reopened conversation's new first-response deadline; `null` when it has no SLA. */
  slaDeadline?: number | null;
  /** JSON ConversationClocks, with the earliest running deadline (null: none runs). */
  sla?: { clocks: string; deadline: number | null };
  /** The first agent reply; an already stored one is kept. */
  firstResponseAt?: number;
  /** JSON AppliedEscalation[] of the conversation's current queue. */
  escalations?: string;
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

/**
 * Rows are inserted in one statement and changes applied in another, so a row inserted in this batch can never
 * be the target of this batch's UPDATE: changes to such rows are folded into the rows themselves.
 */
export class WriteSet {
  readonly customers: CustomerRow[] = [];
  readonly identities: IdentityRow[] = [];
  readonly conversations: ConversationRow[] = [];
  readonly messages: MessageRow[] = [];
  readonly replies: ReplyRow[] = [];
  /** Delivery status of replies stored before this batch, by message id. */
  readonly deliveryUpdates = new Map<string, DeliveryUpdate>();
  /** Changes to conversations stored before this batch. */
  readonly conversationChanges = new Map<string, ConversationChange>();
  readonly slaEvents: SlaEventRow[] = [];
  readonly offers: OfferRow[] = [];
  /** Outcomes of offers stored before this batch. */
  readonly offerOutcomes = new Map<string, { status: OfferOutcome; at: number }>();
  readonly assignments: AssignmentRow[] = [];
  /** Conversations whose open assignment (stored before this batch) ends, with when. */
  readonly assignmentEnds = new Map<string, number>();
  readonly agentStatuses = new Map<string, WireAgentStatus>();
  readonly decisionLogs: DecisionLogRow[] = [];
  readonly systemMessages: SystemMessageRow[] = [];
  readonly waitEstimates: WaitEstimateRow[] = [];
  readonly csatAnswers: CsatAnswerRow[] = [];
  /** Events in the order they happened; the writer numbers and stores them with the state they describe. */
  readonly events: RoutingEventBody[] = [];
  private readonly newConversations = new Map<string, ConversationRow>();
  private readonly newOffers = new Map<string, OfferRow>();
  private readonly openNewAssignments = new Map<string, AssignmentRow>();
  private readonly newReplies = new Map<string, ReplyRow>();

  addReply(row: ReplyRow): void {
    this.replies.push(row);
    this.newReplies.set(row.id, row);
  }

  /** Records a reply's delivery status, folding it into the row when the reply is in this batch. */
  setDelivery(messageId: string, update: DeliveryUpdate): void {
    const row = this.newReplies.get(messageId);
    if (!row) {
      const previous = this.deliveryUpdates.get(messageId);
      this.deliveryUpdates.set(messageId, {
        ...update,
        providerMessageId: update.providerMessageId ?? previous?.providerMessageId ?? null,
        reason: update.reason ?? previous?.reason ?? null,
      });
      return;
    }
    row.deliveryStatus = update.status;
    row.deliveryStatusAt = update.at;
    row.providerMessageId = update.providerMessageId ?? row.providerMessageId;
    row.deliveryError = update.reason ?? row.deliveryError;
  }

  addConversation(row: ConversationRow): void {
    this.conversations.push(row);
    this.newConversations.set(row.id, row);
  }

  addOffer(row: OfferRow): void {
    this.offers.push(row);
    this.newOffers.set(row.id, row);
  }

  addAssignment(row: AssignmentRow): void {
    this.assignments.push(row);
    if (row.endedAt === null) this.openNewAssignments.set(row.conversationId, row);
  }

  offerReason(offerId: string): string | null {
    return this.newOffers.get(offerId)?.reason ?? null;
  }

  /** Later changes win field by field, which is the order the routing core decided them in. */
  changeConversation(id: string, change: ConversationChange): void {
    const row = this.newConversations.get(id);
    if (!row) {
      const previous = this.conversationChanges.get(id);
      const merged = { ...previous, ...change };
      // The first reply of the batch is the first response; later ones must not overwrite it.
      if (previous?.firstResponseAt !== undefined) merged.firstResponseAt = previous.firstResponseAt;
      this.conversationChanges.set(id, merged);
      return;
    }
    if (change.status !== undefined) row.status = change.status;
    if (change.lastMessageAt !== undefined)
      row.lastMessageAt = Math.max(row.lastMessageAt, change.lastMessageAt);
    if (change.queueId !== undefined) row.queueId = change.queueId;
    if (change.resolvedAt !== undefined) row.resolvedAt = change.resolvedAt;
    if (change.slaDeadline !== undefined) row.slaDeadline = change.slaDeadline;
    if (change.sla !== undefined) {
      row.slaClocks = change.sla.clocks;
      row.slaDeadline = change.sla.deadline;
    }
    row.firstResponseAt ??= change.firstResponseAt;
    if (change.escalations !== undefined) row.escalations = change.escalations;
  }

  /**
   * Closes an offer. One made in this same batch is inserted closed, because a conversation may hold only one
   * pending offer at a time (a partial unique index) and its next offer can be in the same batch.
   */
  closeOffer(offerId: string, status: OfferOutcome, at: number): void {
    const row = this.newOffers.get(offerId);
    if (row) {
      row.status = status;
      row.respondedAt = at;
    } else this.offerOutcomes.set(offerId, { status, at });
  }

  /** Ends a conversation's open assignment, folding it into the row when the assignment is in this batch. */
  endAssignment(conversationId: string, at: number): void {
    const row = this.openNewAssignments.get(conversationId);
    if (row) {
      row.endedAt = at;
      this.openNewAssignments.delete(conversationId);
    } else this.assignmentEnds.set(conversationId, at);
  }

  hasChanges(): boolean {
    return (
      this.conversationChanges.size > 0 ||
      this.offerOutcomes.size > 0 ||
      this.assignmentEnds.size > 0 ||
      this.agentStatuses.size > 0 ||
      this.deliveryUpdates.size > 0
    );
  }

  hasInserts(): boolean {
    return (
      this.customers.length > 0 ||
      this.identities.length > 0 ||
      this.conversations.length > 0 ||
      this.messages.length > 0 ||
      this.replies.length > 0 ||
      this.slaEvents.length > 0 ||
      this.offers.length > 0 ||
      this.assignments.length > 0 ||
      this.decisionLogs.length > 0 ||
      this.systemMessages.length > 0 ||
      this.waitEstimates.length > 0 ||
      this.csatAnswers.length > 0 ||
      this.events.length > 0
    );
  }

  isEmpty(): boolean {
    return !this.hasChanges() && !this.hasInserts();
  }
}
