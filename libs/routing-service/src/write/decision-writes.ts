// Turns the routing core's decisions into rows and the events that announce them. Pure: no I/O, ids and
// offer previews are supplied by the caller, so the same decisions always give the same writes.
import type { RoutingDecision } from '@switchboard/routing-core';
import { DEFAULT_QUEUE_ID, toWireStatus } from '../engine/routing-input.mapper';
import type { OfferOutcome, WriteSet } from './write-set';

export interface DecisionContext {
  newId(): string;
  /** The latest inbound text of a conversation, shown with its offer. */
  previewOf(conversationId: string): string;
}

const OUTCOME_OF_REQUEUE = {
  declined: 'declined',
  timeout: 'expired',
  'agent-offline': 'cancelled',
  'agent-removed': 'cancelled',
} as const satisfies Record<string, OfferOutcome>;

const PREVIEW_CHARS = 280;

export function addDecisionWrites(
  set: WriteSet,
  decisions: readonly RoutingDecision[],
  ctx: DecisionContext,
): void {
  for (const d of decisions) addOne(set, d, ctx);
}

function addOne(set: WriteSet, d: RoutingDecision, ctx: DecisionContext): void {
  switch (d.type) {
    case 'offer': {
      const reason = JSON.stringify(d.reason);
      set.addOffer({
        id: d.offerId,
        conversationId: d.contactId,
        agentId: d.agentId,
        offeredAt: d.at,
        expiresAt: d.expiresAt,
        reason,
        status: 'pending',
        respondedAt: null,
      });
      set.changeConversation(d.contactId, { status: 'offered' });
      log(set, ctx, d.contactId, 'offer', { offerId: d.offerId, agentId: d.agentId, reason: d.reason }, d.at);
      set.events.push({
        type: 'offer.created',
        offerId: d.offerId,
        conversationId: d.contactId,
        agentId: d.agentId,
        channel: d.channel,
        expiresAt: new Date(d.expiresAt).toISOString(),
        preview: ctx.previewOf(d.contactId).slice(0, PREVIEW_CHARS),
        reason: d.reason as unknown as Record<string, unknown>,
      });
      return;
    }
    case 'assigned': {
      const assignmentId = ctx.newId();
      set.closeOffer(d.offerId, 'accepted', d.at);
      set.addAssignment({
        id: assignmentId,
        conversationId: d.contactId,
        agentId: d.agentId,
        offerId: d.offerId,
        assignedAt: d.at,
        endedAt: null,
        reason: set.offerReason(d.offerId),
      });
      set.changeConversation(d.contactId, { status: 'assigned' });
      set.events.push(
        {
          type: 'offer.closed',
          offerId: d.offerId,
          conversationId: d.contactId,
          agentId: d.agentId,
          outcome: 'accepted',
        },
        {
          type: 'assignment.created',
          assignmentId,
          offerId: d.offerId,
          conversationId: d.contactId,
          agentId: d.agentId,
        },
      );
      return;
    }
    case 'requeued':
    case 'offerRescinded': {
      const outcome = d.type === 'requeued' ? OUTCOME_OF_REQUEUE[d.cause] : 'cancelled';
      set.closeOffer(d.offerId, outcome, d.at);
      set.changeConversation(d.contactId, { status: 'queued' });
      log(set, ctx, d.contactId, d.type, { offerId: d.offerId, agentId: d.agentId, cause: d.cause }, d.at);
      set.events.push({
        type: 'offer.closed',
        offerId: d.offerId,
        conversationId: d.contactId,
        agentId: d.agentId,
        outcome,
      });
      return;
    }
    case 'agentStatusChanged': {
      const status = toWireStatus(d.to);
      set.agentStatuses.set(d.agentId, status);
      set.events.push({ type: 'agent.status-changed', agentId: d.agentId, status, cause: d.cause });
      return;
    }
    case 'overflowed': {
      const toQueueId = storedQueueId(d.toQueueId);
      set.changeConversation(d.contactId, { queueId: toQueueId });
      log(set, ctx, d.contactId, 'overflowed', { from: d.fromQueueId, to: d.toQueueId, step: d.step }, d.at);
      if (d.cause === 'escalation') {
        set.events.push({
          type: 'conversation.transferred',
          conversationId: d.contactId,
          fromQueueId: storedQueueId(d.fromQueueId),
          toQueueId,
          agentId: null,
          cause: 'sla-overflow',
          note: null,
        });
      }
      return;
    }
    case 'contactTransferred':
      return addTransferWrites(set, d, ctx);
    case 'contactEscalated': {
      const { type, tenantId: _tenant, contactId, ...payload } = d;
      log(set, ctx, contactId, type, payload, d.at);
      return;
    }
    case 'relaxed':
    case 'escalated': {
      const { type, tenantId: _tenant, contactId, ...payload } = d;
      log(set, ctx, contactId, type, payload, d.at);
      return;
    }
  }
}

function addTransferWrites(
  set: WriteSet,
  d: Extract<RoutingDecision, { type: 'contactTransferred' }>,
  ctx: DecisionContext,
): void {
  const toQueueId = storedQueueId(d.toQueueId);
  set.changeConversation(d.contactId, { queueId: toQueueId, status: 'queued' });
  if (d.fromState === 'assigned') set.endAssignment(d.contactId, d.at);
  // A live offer is closed by the 'offerRescinded' decision the core emits before this one.
  const { type, tenantId: _tenant, contactId, ...payload } = d;
  log(set, ctx, contactId, type, payload, d.at);
  set.events.push({
    type: 'conversation.transferred',
    conversationId: d.contactId,
    fromQueueId: storedQueueId(d.fromQueueId),
    toQueueId,
    agentId: d.agentId ?? null,
    cause: 'agent',
    note: d.reason ?? null,
    toAgentId: d.toAgentId ?? null,
  });
}

/** The implicit default queue is stored as no queue. */
const storedQueueId = (queueId: string): string | null => (queueId === DEFAULT_QUEUE_ID ? null : queueId);

function log(
  set: WriteSet,
  ctx: DecisionContext,
  conversationId: string,
  kind: string,
  payload: unknown,
  at: number,
): void {
  set.decisionLogs.push({ id: ctx.newId(), conversationId, kind, payload: JSON.stringify(payload), at });
}
