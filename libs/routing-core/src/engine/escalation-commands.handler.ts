// escalateContact and rescindOffer: how SLA warnings and breaches feed back into routing. The host's
// SLA policy decides what to do; the engine only moves the contact and says why.
import type {
  EscalateContactCommand,
  RescindOfferCommand,
  WidenSkills,
} from '../model/routing-command.model';
import { invalid, RoutingError, RoutingErrorCode } from '../model/routing.error';
import {
  checkEscalationPoints,
  checkId,
  checkReason,
  MAX_ABS_PRIORITY,
} from '../policy/input-validation.util';
import { applyRelaxStep, moveToQueue, SETTLE_UPDATE, settleWaiting } from './contact-lifecycle';
import type { ContactState } from './contact-state';
import { freeSlot } from './offer-lifecycle';
import type { QueueState } from './queue-state';
import type { RoutingState } from './routing-state';

const WIDEN_MODES: readonly string[] = ['next-ring', 'outer-ring'] satisfies WidenSkills[];

/**
 * Applies an escalation once per reason (cause and target): hosts deliver at least once, and a
 * repeated SLA warning must not raise the contact twice. A repeat changes nothing and emits nothing.
 * Offered and assigned contacts take the new standing too; it counts if they come back to the queue.
 */
export function escalateContact(state: RoutingState, cmd: EscalateContactCommand): void {
  const c = state.contact(cmd.contactId);
  const reason = checkReason(cmd.reason, 'reason');
  const raise = cmd.raiseScoreBy === undefined ? 0 : checkEscalationPoints(cmd.raiseScoreBy, 'raiseScoreBy');
  if (cmd.widenSkills !== undefined && !WIDEN_MODES.includes(cmd.widenSkills))
    throw invalid(`widenSkills: must be one of ${WIDEN_MODES.join(', ')}`);
  const target =
    cmd.overflowToQueueId === undefined
      ? undefined
      : state.queue(checkId(cmd.overflowToQueueId, 'overflowToQueueId'), c.tenantId);
  if (hasEscalation(c, reason.cause, reason.target)) return;

  // Capped so that escalated scores, like priorities, stay far below the starvation plateau.
  const raisedBy = Math.min(raise, MAX_ABS_PRIORITY - c.escalationPoints);
  (c.escalations ??= []).push({ reason, raisedBy });
  c.escalationPoints += raisedBy;
  state.emit({
    type: 'contactEscalated',
    contactId: c.id,
    tenantId: c.tenantId,
    queueId: c.queue.id,
    reason,
    raisedBy,
    escalationPoints: c.escalationPoints,
    state: c.status,
    at: state.now,
  });
  // Overflow first, so that widening walks the target queue's plan, the one now in force.
  let widened = target !== undefined && target !== c.queue && overflow(state, c, target);
  if (cmd.widenSkills !== undefined) widened = widen(state, c, cmd.widenSkills) || widened;
  if (c.status !== 'waiting') return;
  if (settleWaiting(state, c, SETTLE_UPDATE) || widened) state.dirtyContacts.add(c);
}

/**
 * Takes back a live offer the agent has not answered and routes the contact again. The agent is not
 * penalised (missed offers are unchanged) but is excluded for this contact: nothing about the match
 * changed, so without the exclusion the same agent would be chosen again at once.
 */
export function rescindOffer(state: RoutingState, cmd: RescindOfferCommand): void {
  const c = state.contact(cmd.contactId);
  const reason = checkReason(cmd.reason, 'reason');
  const offer = c.offer;
  if (c.status !== 'offered' || offer === null) {
    throw new RoutingError(
      RoutingErrorCode.OfferNotLive,
      `contact '${c.id}' has no live offer (${c.status})`,
    );
  }
  if (cmd.offerId !== undefined && cmd.offerId !== offer.offerId) {
    throw new RoutingError(RoutingErrorCode.OfferNotLive, `offer '${cmd.offerId}' is not the live offer`);
  }
  // As for answers: once expired, the offer is the next tick's timeout, not something to pull back.
  if (offer.expiresAt <= state.now) {
    throw new RoutingError(
      RoutingErrorCode.OfferExpired,
      `offer '${offer.offerId}' expired at ${offer.expiresAt}`,
    );
  }
  freeSlot(state, offer.agent, c);
  c.offer = null;
  c.status = 'waiting';
  c.exclude(offer.agent.id);
  state.emit({
    type: 'offerRescinded',
    offerId: offer.offerId,
    contactId: c.id,
    tenantId: c.tenantId,
    agentId: offer.agent.id,
    cause: 'rescinded',
    reason,
    at: state.now,
  });
  settleWaiting(state, c, SETTLE_UPDATE);
  state.dirtyContacts.add(c);
}

function hasEscalation(c: ContactState, cause: string, target: string): boolean {
  if (c.escalations === null) return false;
  return c.escalations.some((e) => e.reason.cause === cause && e.reason.target === target);
}

function overflow(state: RoutingState, c: ContactState, target: QueueState): boolean {
  const from = c.queue;
  moveToQueue(state, c, target, state.now);
  state.emit({
    type: 'overflowed',
    contactId: c.id,
    tenantId: c.tenantId,
    fromQueueId: from.id,
    toQueueId: target.id,
    step: 0,
    cause: 'escalation',
    at: state.now,
  });
  return true;
}

/** Advances along the queue's bullseye plan now; stops before an overflow step. */
function widen(state: RoutingState, c: ContactState, how: WidenSkills): boolean {
  let widened = false;
  for (;;) {
    const step = c.queue.policy.steps[c.stepIndex];
    if (step === undefined || step.action === 'overflow') return widened;
    applyRelaxStep(state, c, step.action);
    widened = true;
    if (how === 'next-ring') return true;
  }
}
