// Rule 5: offers reserve capacity; accept turns them into assignments; decline and timeout re-queue
// with the original age and exclude the agent; enough missed offers in a row set the agent away.
import type { RequeueCause } from '../model/routing-decision.model';
import { scoreBreakdown } from '../scoring/score.util';
import { removeFromList, type AgentState } from './agent-state';
import { fitOf, type Selection } from './agent-selection';
import { SETTLE_UPDATE, settleWaiting } from './contact-lifecycle';
import type { ContactState } from './contact-state';
import type { RoutingState } from './routing-state';

export function makeOffer(state: RoutingState, c: ContactState, sel: Selection): void {
  const now = state.now;
  const agent = sel.agent;
  const policy = c.queue.policy;
  state.unfile(c);
  state.dirtyContacts.delete(c);
  c.status = 'offered';
  c.offerAttempts += 1;
  const offerId = `${c.id}:${c.offerAttempts}`;
  const expiresAt = now + policy.offerTimeoutMs[c.classIndex];
  c.offer = { offerId, agent, offeredAt: now, expiresAt };
  state.setTimer(c, expiresAt);
  agent.reserve(c.classIndex);
  agent.offers.push(c);
  agent.idleSince = now;
  // Round-robin memory is kept only while the queue rotates; switching to it starts a fresh rotation.
  if (policy.strategy === 'round-robin') c.queue.lastRouted.set(agent.id, ++state.offerSeq);
  state.emit({
    type: 'offer',
    offerId,
    contactId: c.id,
    tenantId: c.tenantId,
    queueId: c.queue.id,
    channel: c.channel,
    agentId: agent.id,
    at: now,
    expiresAt,
    reason: {
      rule: sel.rule,
      strategy: policy.strategy,
      queueId: c.queue.id,
      relaxationStep: c.stepIndex,
      score: scoreBreakdown(c, c.phase, now),
      chosen: fitOf(sel.chosen, now),
      beat: sel.beat.map((b) => fitOf(b, now)),
    },
  });
}

export function acceptOffer(state: RoutingState, c: ContactState): void {
  const offer = c.offer;
  if (offer === null) return;
  const agent = offer.agent;
  removeFromList(agent.offers, c);
  agent.assignments.push(c);
  agent.missedOffers = 0;
  c.status = 'assigned';
  c.assignedTo = agent;
  c.assignedOfferId = offer.offerId;
  c.offer = null;
  state.setTimer(c, Infinity);
  state.emit({
    type: 'assigned',
    offerId: offer.offerId,
    contactId: c.id,
    tenantId: c.tenantId,
    agentId: agent.id,
    at: state.now,
    waitedMs: state.now - c.arrivedAt,
  });
}

/** Takes a live offer or an assignment back and puts the contact in line again with its original age. */
export function requeue(state: RoutingState, c: ContactState, cause: RequeueCause): void {
  const agent = c.offer?.agent ?? c.assignedTo;
  if (agent === null) return;
  const offerId = c.offer?.offerId ?? c.assignedOfferId;
  freeSlot(state, agent, c);
  c.offer = null;
  c.assignedTo = null;
  c.status = 'waiting';
  if (cause === 'declined' || cause === 'timeout') c.exclude(agent.id);
  state.emit({
    type: 'requeued',
    offerId,
    contactId: c.id,
    tenantId: c.tenantId,
    agentId: agent.id,
    cause,
    at: state.now,
  });
  settleWaiting(state, c, SETTLE_UPDATE);
  state.dirtyContacts.add(c);
}

export function declineOffer(state: RoutingState, c: ContactState): void {
  const agent = c.offer?.agent;
  if (agent === undefined) return;
  agent.missedOffers = 0; // a decline is an answer: the agent is present
  requeue(state, c, 'declined');
}

export function timeoutOffer(state: RoutingState, c: ContactState): void {
  const agent = c.offer?.agent;
  if (agent === undefined) return;
  const maxMissed = c.queue.policy.maxMissedOffers;
  requeue(state, c, 'timeout');
  agent.missedOffers += 1;
  if (agent.missedOffers >= maxMissed && agent.status === 'available') {
    agent.status = 'away';
    state.syncAgent(agent);
    state.emit({
      type: 'agentStatusChanged',
      agentId: agent.id,
      tenantId: agent.tenantId,
      from: 'available',
      to: 'away',
      cause: 'missed-offers',
      at: state.now,
    });
  }
}

/** Releases the capacity a contact held on an agent (offer or assignment). */
export function freeSlot(state: RoutingState, agent: AgentState, c: ContactState): void {
  if (!removeFromList(agent.offers, c) && !removeFromList(agent.assignments, c)) return;
  agent.release(c.classIndex);
  // Not filed in the ready pools yet: re-evaluation looks at dirty agents directly, and most of them
  // are full again by its end, so filing now would be wasted work (see reevaluate).
  state.dirtyAgents.add(agent);
}
