// Rebuilding state after a restart. Restored offers keep their original expiry and restored contacts
// their original age; nothing is offered until restoreCompleted, so a restore never duplicates offers
// nor hands out capacity that a not-yet-restored assignment holds.
import type { RestoredContactInput } from '../model/contact.model';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import { checkId, checkTime } from '../policy/input-validation.util';
import type { AgentState } from './agent-state';
import { buildContact, registerContact, SETTLE_RESTORE, settleWaiting } from './contact-lifecycle';
import type { ContactState } from './contact-state';
import type { RoutingState } from './routing-state';
import { runDueTimers } from './timer.handler';

export function restoreContact(state: RoutingState, input: RestoredContactInput): void {
  const c = buildContact(state, input);
  state.restoring = true;
  registerContact(state, c);
  settleWaiting(state, c, SETTLE_RESTORE);
}

export function restoreOffer(
  state: RoutingState,
  input: RestoredContactInput,
  agentId: string,
  offerId: string,
  offeredAt: number | undefined,
  expiresAt: number,
): void {
  const c = buildContact(state, input);
  const agent = agentFor(state, c, agentId);
  checkId(offerId, 'offerId');
  checkTime(expiresAt, 'expiresAt');
  state.restoring = true;
  registerContact(state, c);
  c.status = 'offered';
  c.offerAttempts = Math.max(c.offerAttempts, 1);
  c.offer = { offerId, agent, offeredAt: offeredAt ?? state.now, expiresAt };
  hold(state, agent, c, agent.offers);
  state.setTimer(c, expiresAt);
}

export function restoreAssignment(state: RoutingState, input: RestoredContactInput, agentId: string): void {
  const c = buildContact(state, input);
  const agent = agentFor(state, c, agentId);
  state.restoring = true;
  registerContact(state, c);
  c.status = 'assigned';
  c.assignedTo = agent;
  c.assignedOfferId = `${c.id}:${Math.max(c.offerAttempts, 1)}`;
  hold(state, agent, c, agent.assignments);
}

/** Ends the restore: processes timers that fell due while down, then routes everything once. */
export function restoreCompleted(state: RoutingState): void {
  state.restoring = false;
  runDueTimers(state);
  for (const c of state.contacts.values()) if (c.status === 'waiting') state.dirtyContacts.add(c);
}

function agentFor(state: RoutingState, c: ContactState, agentId: string): AgentState {
  const agent = state.agent(agentId);
  if (agent.tenantId !== c.tenantId) {
    throw new RoutingError(RoutingErrorCode.TenantMismatch, `agent '${agentId}' belongs to another tenant`);
  }
  return agent;
}

/** Restored work counts against capacity even if the capacity was lowered since: it is a fact. */
function hold(state: RoutingState, agent: AgentState, c: ContactState, list: ContactState[]): void {
  list.push(c);
  agent.reserve(c.classIndex);
  state.syncAgent(agent);
}
