// transferContact: an agent or supervisor moves a conversation to another queue (or re-routes it in
// its own with new skills); transferToAgent hands it to one named colleague. The host re-matches the SLA
// policy on the 'contactTransferred' decision.
import type { TransferContactCommand, TransferToAgentCommand } from '../model/routing-command.model';
import { invalid, RoutingError, RoutingErrorCode } from '../model/routing.error';
import { candidateOf } from '../policy/agent-ranking.policy';
import { isEligible } from '../policy/eligibility.policy';
import { checkId, checkRequirements } from '../policy/input-validation.util';
import { moveToQueue, SETTLE_UPDATE, settleWaiting } from './contact-lifecycle';
import type { ContactState } from './contact-state';
import { freeSlot, makeOffer } from './offer-lifecycle';
import type { RoutingState } from './routing-state';

/**
 * The contact keeps its arrival (its age, aging and starvation bound: a transfer must not send the
 * customer to the back of the line) but enters the new queue now, so that queue's plan starts at
 * ring 0. Escalations are dropped: they answered the old queue's SLA policy, which the host re-matches.
 * An agent that held it as an assignment is excluded, so the work does not bounce straight back.
 */
export function transferContact(state: RoutingState, cmd: TransferContactCommand): void {
  const c = state.contact(cmd.contactId);
  const target = state.queue(checkId(cmd.toQueueId, 'toQueueId'), c.tenantId);
  if (cmd.requiredSkills !== undefined) checkRequirements(cmd.requiredSkills, 'requiredSkills');
  if (cmd.byAgentId !== undefined) checkId(cmd.byAgentId, 'byAgentId');
  if (cmd.reason !== undefined && typeof cmd.reason !== 'string') throw invalid('reason: must be a string');

  const from = c.queue;
  const fromState = c.status;
  const held = release(state, c);
  c.status = 'waiting';
  if (cmd.requiredSkills !== undefined) c.requiredSkills = cmd.requiredSkills;
  c.escalations = null;
  c.escalationPoints = 0;
  moveToQueue(state, c, target, state.now);
  state.emit({
    type: 'contactTransferred',
    contactId: c.id,
    tenantId: c.tenantId,
    fromQueueId: from.id,
    toQueueId: target.id,
    fromState,
    ...(held === undefined ? {} : { agentId: held.agentId, offerId: held.offerId }),
    ...(cmd.byAgentId === undefined ? {} : { byAgentId: cmd.byAgentId }),
    ...(cmd.reason === undefined ? {} : { reason: cmd.reason }),
    requiredSkills: c.reqs.list,
    at: state.now,
  });
  settleWaiting(state, c, SETTLE_UPDATE);
  state.dirtyContacts.add(c);
}

/**
 * The named agent is checked before anything changes, so a refusal leaves the holder holding it. The contact
 * stays in its queue and keeps its age; whoever held it is released as by a queue transfer (and excluded), and
 * it is offered to the named agent at once. If they decline or let it lapse, the queue routes it as usual.
 */
export function transferToAgent(state: RoutingState, cmd: TransferToAgentCommand): void {
  const c = state.contact(cmd.contactId);
  const target = state.agent(checkId(cmd.toAgentId, 'toAgentId'));
  if (cmd.byAgentId !== undefined) checkId(cmd.byAgentId, 'byAgentId');
  if (cmd.reason !== undefined && typeof cmd.reason !== 'string') throw invalid('reason: must be a string');
  const holder = c.offer?.agent ?? c.assignedTo;
  if (holder === target) throw invalid(`agent '${target.id}' already holds contact '${c.id}'`);
  if (!isEligible(target, c)) {
    throw new RoutingError(
      RoutingErrorCode.AgentUnavailable,
      `agent '${target.id}' cannot take contact '${c.id}' now: not available, at capacity, or not qualified`,
    );
  }
  const fromState = c.status;
  const held = release(state, c);
  c.status = 'waiting';
  state.unfile(c);
  state.emit({
    type: 'contactTransferred',
    contactId: c.id,
    tenantId: c.tenantId,
    fromQueueId: c.queue.id,
    toQueueId: c.queue.id,
    fromState,
    ...(held === undefined ? {} : { agentId: held.agentId, offerId: held.offerId }),
    ...(cmd.byAgentId === undefined ? {} : { byAgentId: cmd.byAgentId }),
    ...(cmd.reason === undefined ? {} : { reason: cmd.reason }),
    toAgentId: target.id,
    requiredSkills: c.reqs.list,
    at: state.now,
  });
  makeOffer(state, c, { agent: target, rule: 'transfer', chosen: candidateOf(target, c), beat: [] });
}

/** Frees whatever an agent holds of the contact: a live offer is rescinded, an assignment ends. */
function release(state: RoutingState, c: ContactState): { agentId: string; offerId: string } | undefined {
  const offer = c.offer;
  if (offer !== null) {
    freeSlot(state, offer.agent, c);
    c.offer = null;
    state.emit({
      type: 'offerRescinded',
      offerId: offer.offerId,
      contactId: c.id,
      tenantId: c.tenantId,
      agentId: offer.agent.id,
      cause: 'transferred',
      at: state.now,
    });
    return { agentId: offer.agent.id, offerId: offer.offerId };
  }
  const agent = c.assignedTo;
  if (agent === null) return undefined;
  freeSlot(state, agent, c);
  agent.idleSince = state.now;
  c.assignedTo = null;
  c.exclude(agent.id);
  return { agentId: agent.id, offerId: c.assignedOfferId };
}
