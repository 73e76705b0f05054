// contactArrived, offerAccepted, offerDeclined, contactCompleted, contactWithdrawn.
import type { AgentStatus } from '../model/agent.model';
import type { ContactInput } from '../model/contact.model';
import type { OfferResponseCommand } from '../model/routing-command.model';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import { checkStatus, changeStatus } from './agent-commands.handler';
import {
  buildContact,
  forgetContact,
  registerContact,
  SETTLE_ARRIVAL,
  settleWaiting,
} from './contact-lifecycle';
import type { ContactState } from './contact-state';
import { acceptOffer, declineOffer, freeSlot } from './offer-lifecycle';
import type { RoutingState } from './routing-state';

export function contactArrived(state: RoutingState, input: ContactInput): void {
  const c = buildContact(state, input);
  registerContact(state, c);
  settleWaiting(state, c, SETTLE_ARRIVAL);
  state.dirtyContacts.add(c);
}

export function respondToOffer(state: RoutingState, cmd: OfferResponseCommand): void {
  const c = liveOffer(state, cmd);
  if (cmd.type === 'offerAccepted') acceptOffer(state, c);
  else declineOffer(state, c);
}

export function contactCompleted(
  state: RoutingState,
  contactId: string,
  agentStatus: AgentStatus | undefined,
): void {
  const c = state.contact(contactId);
  const status = agentStatus === undefined ? undefined : checkStatus(agentStatus, 'agentStatus');
  const agent = c.assignedTo;
  if (c.status !== 'assigned' || agent === null) {
    throw new RoutingError(
      RoutingErrorCode.ContactNotAssigned,
      `contact '${contactId}' is ${c.status}, not assigned`,
    );
  }
  freeSlot(state, agent, c);
  agent.idleSince = state.now;
  forgetContact(state, c);
  if (status !== undefined) changeStatus(state, agent, status);
}

/** The customer left (or the conversation was closed elsewhere) in any state. */
export function contactWithdrawn(state: RoutingState, contactId: string): void {
  const c = state.contact(contactId);
  const offer = c.offer;
  if (offer !== null) {
    freeSlot(state, offer.agent, c);
    state.emit({
      type: 'offerRescinded',
      offerId: offer.offerId,
      contactId: c.id,
      tenantId: c.tenantId,
      agentId: offer.agent.id,
      cause: 'withdrawn',
      at: state.now,
    });
  } else if (c.assignedTo !== null) {
    freeSlot(state, c.assignedTo, c);
    c.assignedTo.idleSince = state.now;
  }
  forgetContact(state, c);
}

function liveOffer(state: RoutingState, cmd: OfferResponseCommand): ContactState {
  const c = state.contact(cmd.contactId);
  const offer = c.offer;
  if (c.status !== 'offered' || offer === null || offer.agent.id !== cmd.agentId) {
    throw new RoutingError(
      RoutingErrorCode.OfferNotLive,
      `no live offer of '${cmd.contactId}' to '${cmd.agentId}'`,
    );
  }
  if (cmd.offerId !== undefined && cmd.offerId !== offer.offerId) {
    throw new RoutingError(
      RoutingErrorCode.OfferNotLive,
      `offer '${cmd.offerId}' is not the live offer (${offer.offerId})`,
    );
  }
  // The expiry is processed on the next tick; an answer after it is still refused, so timing stays exact.
  if (offer.expiresAt <= state.now) {
    throw new RoutingError(
      RoutingErrorCode.OfferExpired,
      `offer '${offer.offerId}' expired at ${offer.expiresAt}`,
    );
  }
  return c;
}
