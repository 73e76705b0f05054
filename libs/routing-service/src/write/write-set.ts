// Everything one router transaction writes for one tenant, as rows per table. The planners fill it in memory;
// the batch writer turns each array into one set-based statement, so a batch costs the same handful of
// statements whatever its size.
import type { RoutingEventBody } from '@switchboard/contracts';
import type { MetricFact } from '@switchboard/metrics';
import type { CsatAnswerRow, SystemMessageRow, WaitEstimateRow } from './customer-message-rows.model';

import type {
  OfferOutcome,
  WireAgentStatus,
  CustomerRow,
  IdentityRow,
  ConversationRow,
  MessageRow,
  ReplyRow,
  DeliveryUpdate,
  ConversationChange,
  SlaEventRow,
  OfferRow,
  AssignmentRow,
  DecisionLogRow,
  FollowUpRow,
  NoteRow,
} from './write-rows';

export type * from './write-rows';

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
  readonly followUps: FollowUpRow[] = [];
  /** Follow-ups stored before this batch that fire or are cancelled; only a scheduled one changes. */
  readonly followUpChanges = new Map<string, { status: 'fired' | 'cancelled'; at: number }>();
  readonly systemMessages: SystemMessageRow[] = [];
  readonly notes: NoteRow[] = [];
  readonly waitEstimates: WaitEstimateRow[] = [];
  readonly csatAnswers: CsatAnswerRow[] = [];
  /** Events in the order they happened; the writer numbers and stores them with the state they describe. */
  readonly events: RoutingEventBody[] = [];
  /**
   * Metric facts that no routing event carries (a CSAT answer, a scored wait estimate), rolled up with the
   * facts of this set's events in the same transaction (docs/metrics.md).
   */
  readonly metricFacts: MetricFact[] = [];
  private readonly newConversations = new Map<string, ConversationRow>();
  private readonly newOffers = new Map<string, OfferRow>();
  private readonly openNewAssignments = new Map<string, AssignmentRow>();
  private readonly newReplies = new Map<string, ReplyRow>();
  private readonly newFollowUps = new Map<string, FollowUpRow>();

  addFollowUp(row: FollowUpRow): void {
    this.followUps.push(row);
    this.newFollowUps.set(row.id, row);
  }

  /** A follow-up scheduled in this batch, if any. */
  newFollowUp(id: string): FollowUpRow | undefined {
    return this.newFollowUps.get(id);
  }

  /** Fires or cancels a follow-up, folding it into the row when it was scheduled in this batch. */
  closeFollowUp(id: string, status: 'fired' | 'cancelled', at: number): void {
    const row = this.newFollowUps.get(id);
    if (!row) {
      this.followUpChanges.set(id, { status, at });
      return;
    }
    row.status = status;
    if (status === 'fired') row.firedAt = at;
    else row.cancelledAt = at;
  }

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
      this.deliveryUpdates.size > 0 ||
      this.followUpChanges.size > 0
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
      this.followUps.length > 0 ||
      this.systemMessages.length > 0 ||
      this.notes.length > 0 ||
      this.waitEstimates.length > 0 ||
      this.csatAnswers.length > 0 ||
      this.events.length > 0 ||
      this.metricFacts.length > 0
    );
  }

  isEmpty(): boolean {
    return !this.hasChanges() && !this.hasInserts();
  }
}
