// Commands the host feeds the engine. Each is applied atomically: it either returns decisions or
// throws a RoutingError and leaves the state untouched.
import type { AgentInput, AgentStatus } from './agent.model';
import type { ContactInput, EscalationReason, RestoredContactInput, SkillRequirement } from './contact.model';
import type { QueuePolicyInput } from './queue.model';

export type RoutingCommand =
  | { readonly type: 'upsertQueue'; readonly queue: QueuePolicyInput }
  | { readonly type: 'removeQueue'; readonly queueId: string }
  | { readonly type: 'upsertAgent'; readonly agent: AgentInput }
  | { readonly type: 'setAgentStatus'; readonly agentId: string; readonly status: AgentStatus }
  | { readonly type: 'removeAgent'; readonly agentId: string }
  | { readonly type: 'contactArrived'; readonly contact: ContactInput }
  | OfferResponseCommand
  | {
      readonly type: 'contactCompleted';
      readonly contactId: string;
      /** Optional status for the agent at the same instant (e.g. 'wrap-up'), so freed capacity is not re-offered first. */
      readonly agentStatus?: AgentStatus;
    }
  | { readonly type: 'contactWithdrawn'; readonly contactId: string }
  | EscalateContactCommand
  | RescindOfferCommand
  | TransferContactCommand
  | TransferToAgentCommand
  | { readonly type: 'tick' }
  | { readonly type: 'restoreContact'; readonly contact: RestoredContactInput }
  | {
      readonly type: 'restoreOffer';
      readonly contact: RestoredContactInput;
      readonly agentId: string;
      readonly offerId: string;
      readonly offeredAt?: number;
      readonly expiresAt: number;
    }
  | { readonly type: 'restoreAssignment'; readonly contact: RestoredContactInput; readonly agentId: string }
  | { readonly type: 'restoreCompleted' };

export interface OfferResponseCommand {
  readonly type: 'offerAccepted' | 'offerDeclined';
  readonly contactId: string;
  readonly agentId: string;
  /** When given, must match the live offer; guards against a stale click on an older offer. */
  readonly offerId?: string;
}

/**
 * How far an escalation widens the required skills, along the queue's own bullseye plan:
 * 'next-ring' applies the next relaxation step now; 'outer-ring' applies every remaining step up to
 * the plan's first overflow step. Neither ever moves the contact (overflow is asked for explicitly).
 */
export type WidenSkills = 'next-ring' | 'outer-ring';

/** A policy reacting to an SLA warning or breach (or a supervisor). Applied once per reason. */
export interface EscalateContactCommand {
  readonly type: 'escalateContact';
  readonly contactId: string;
  readonly reason: EscalationReason;
  /** Points added to the score while the contact is not starved (0..1,000,000). */
  readonly raiseScoreBy?: number;
  readonly widenSkills?: WidenSkills;
  /** Moves the contact to this queue of the same tenant, as a relaxation overflow would. */
  readonly overflowToQueueId?: string;
}

/** Pulls back the live offer of a contact and routes it again, excluding the agent it was offered to. */
export interface RescindOfferCommand {
  readonly type: 'rescindOffer';
  readonly contactId: string;
  readonly reason: EscalationReason;
  /** When given, must match the live offer (guards against pulling back a newer offer). */
  readonly offerId?: string;
}

/** Moves a waiting, offered or assigned contact to another queue (or re-routes it in its own). */
export interface TransferContactCommand {
  readonly type: 'transferContact';
  readonly contactId: string;
  readonly toQueueId: string;
  /** Replaces the contact's own required skills; omitted keeps them. */
  readonly requiredSkills?: readonly SkillRequirement[];
  /** Free text for the decision log (e.g. 'needs billing'). */
  readonly reason?: string;
  /** Who asked: the assigned agent or a supervisor; carried into the decision. */
  readonly byAgentId?: string;
}

/**
 * Offers a contact to one named agent of its tenant, in its own queue. The agent must be eligible now
 * (available, with room in the contact's class, skills and language met, not excluded), else nothing changes.
 */
export interface TransferToAgentCommand {
  readonly type: 'transferToAgent';
  readonly contactId: string;
  readonly toAgentId: string;
  readonly reason?: string;
  readonly byAgentId?: string;
}

export type RoutingCommandType = RoutingCommand['type'];
