// Everything one router transaction writes for one tenant, as rows per table. The planners fill it in memory;
// the batch writer turns each array into one set-based statement, so a batch costs the same handful of
// statements whatever its size.
import type { RoutingEventBody } from '@switchboard/contracts';

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
}

export interface MessageRow {
  id: string;
  conversationId: string;
  channel: string;
  channelMessageId: string;
  body: string;
  /** JSON array. */
  attachments: string;
  sentAt: number;
}

/** Changes to an existing (or just inserted) conversation; absent fields stay as they are. */
export interface ConversationChange {
  status?: ConversationStatus;
  lastMessageAt?: number;
  /** `null` moves the conversation to the implicit default queue. */
  queueId?: string | null;
  resolvedAt?: number;
}

export interface SlaEventRow {
  id: string;
  conversationId: string;
  kind: 'started';
  at: number;
  deadline: number;
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
}

export interface DecisionLogRow {
  id: string;
  conversationId: string | null;
  kind: string;
  /** JSON object. */
  payload: string;
  at: number;
}

export class WriteSet {
  readonly customers: CustomerRow[] = [];
  readonly identities: IdentityRow[] = [];
  readonly conversations: ConversationRow[] = [];
  readonly messages: MessageRow[] = [];
  readonly conversationChanges = new Map<string, ConversationChange>();
  readonly slaEvents: SlaEventRow[] = [];
  readonly offers: OfferRow[] = [];
  readonly offerOutcomes = new Map<string, { status: OfferOutcome; at: number }>();
  readonly assignments: AssignmentRow[] = [];
  /** Conversations whose open assignment ends, with when. */
  readonly assignmentEnds = new Map<string, number>();
  readonly agentStatuses = new Map<string, WireAgentStatus>();
  readonly decisionLogs: DecisionLogRow[] = [];
  /** Events in the order they happened; the writer numbers and stores them with the state they describe. */
  readonly events: RoutingEventBody[] = [];

  /** Later changes win field by field, which is the order the routing core decided them in. */
  changeConversation(id: string, change: ConversationChange): void {
    this.conversationChanges.set(id, { ...this.conversationChanges.get(id), ...change });
  }

  /**
   * Closes an offer. One made in this same batch is inserted closed, because a conversation may hold only one
   * pending offer at a time (a partial unique index) and its next offer can be in the same batch.
   */
  closeOffer(offerId: string, status: OfferOutcome, at: number): void {
    const row = this.offers.find((o) => o.id === offerId);
    if (row) {
      row.status = status;
      row.respondedAt = at;
    } else this.offerOutcomes.set(offerId, { status, at });
  }

  /** Ends a conversation's open assignment, folding it into the row when the assignment is in this batch. */
  endAssignment(conversationId: string, at: number): void {
    const row = this.assignments.find((a) => a.conversationId === conversationId && a.endedAt === null);
    if (row) row.endedAt = at;
    else this.assignmentEnds.set(conversationId, at);
  }

  isEmpty(): boolean {
    return (
      this.customers.length === 0 &&
      this.identities.length === 0 &&
      this.conversations.length === 0 &&
      this.messages.length === 0 &&
      this.conversationChanges.size === 0 &&
      this.slaEvents.length === 0 &&
      this.offers.length === 0 &&
      this.offerOutcomes.size === 0 &&
      this.assignments.length === 0 &&
      this.assignmentEnds.size === 0 &&
      this.agentStatuses.size === 0 &&
      this.decisionLogs.length === 0 &&
      this.events.length === 0
    );
  }
}
