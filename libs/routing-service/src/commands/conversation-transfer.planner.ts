// Who may transfer a conversation, and the routing-core command it becomes: an agent only one they hold; a
// supervisor's or admin's reassign (stamped `issuedBy` by the gateway) any open conversation of the tenant.
import { ErrorCode, type AgentCommandV1, type RoutingEventBody } from '@switchboard/contracts';
import type { TransferContactCommand, TransferToAgentCommand } from '@switchboard/routing-core';

type TransferCommand = Extract<AgentCommandV1, { type: 'conversation.transfer' }>;

export type TransferPlan =
  | { kind: 'route'; command: TransferContactCommand | TransferToAgentCommand }
  | { kind: 'refused'; code: string; message: string };

/** `owner` is who holds the conversation now (offered or assigned), if anyone does. */
export function planTransfer(
  command: TransferCommand,
  owner: { agentId: string; state: 'offered' | 'assigned' } | undefined,
): TransferPlan {
  const issuer = command.issuedBy;
  if (!issuer && (owner?.state !== 'assigned' || owner.agentId !== command.agentId))
    return {
      kind: 'refused',
      code: ErrorCode.Forbidden,
      message: `Conversation ${command.conversationId} is not assigned to you`,
    };
  // The core names agents only; a supervisor's transfer is credited to them on the event instead.
  const common = {
    contactId: command.conversationId,
    ...(issuer || command.agentId === null ? {} : { byAgentId: command.agentId }),
    ...(command.note ? { reason: command.note } : {}),
  };
  // The gateway lets exactly one target through; a record without either is refused like an unknown queue.
  return {
    kind: 'route',
    command: command.toAgentId
      ? { type: 'transferToAgent', toAgentId: command.toAgentId, ...common }
      : { type: 'transferContact', toQueueId: command.queueId ?? '', ...common },
  };
}

/** The `conversation.transferred` events a supervisor's transfer added (from index `from`), with who did it. */
export function creditSupervisor(events: RoutingEventBody[], from: number, command: TransferCommand): void {
  const issuer = command.issuedBy;
  if (!issuer) return;
  for (let i = from; i < events.length; i++) {
    const event = events[i];
    if (event.type === 'conversation.transferred' && event.conversationId === command.conversationId)
      events[i] = { ...event, cause: 'supervisor', byUserId: issuer.userId };
  }
}
