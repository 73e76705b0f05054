// Commands the host feeds the engine. Each is applied atomically: it either returns decisions or
// throws a RoutingError and leaves the state untouched.
import type { AgentInput, AgentStatus } from './agent.model';
import type { ContactInput, RestoredContactInput } from './contact.model';
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

export type RoutingCommandType = RoutingCommand['type'];
