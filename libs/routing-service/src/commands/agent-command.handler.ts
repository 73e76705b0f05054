// Applies an agent's command to the tenant's routing state. A command the state does not allow (a stale
// accept, another agent's offer) is answered with a command.rejected event, never an exception.
import { ErrorCode, type AgentCommandV1, type RoutingEventBody } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';
import type { RoutingDecision } from '@switchboard/routing-core';
import type { TenantRouter } from '../engine/tenant-router';
import { toCoreStatus } from '../engine/routing-input.mapper';

export interface CommandResult {
  decisions: RoutingDecision[];
  /** Events that are not routing decisions (rejections, status and resolution notices). */
  events: RoutingEventBody[];
}

export class AgentCommandHandler {
  constructor(private readonly prisma: PrismaClient) {}

  async handle(router: TenantRouter, command: AgentCommandV1): Promise<CommandResult> {
    switch (command.type) {
      case 'offer.accept':
      case 'offer.decline':
        return this.respondToOffer(router, command);
      case 'status.set':
        return this.setStatus(router, command);
      case 'conversation.resolve':
        return this.resolve(router, command);
    }
  }

  private async respondToOffer(
    router: TenantRouter,
    command: Extract<AgentCommandV1, { type: 'offer.accept' | 'offer.decline' }>,
  ): Promise<CommandResult> {
    const offer = await this.prisma.offer.findFirst({
      where: { id: command.offerId, tenantId: command.tenantId, agentId: command.agentId },
      select: { conversationId: true, status: true },
    });
    if (!offer) {
      return rejected(
        command,
        ErrorCode.OfferNotLive,
        `Offer ${command.offerId} is not yours or does not exist`,
      );
    }
    // A redelivered command (Kafka is at-least-once) finds its own effect already stored: answer it as done.
    if (offer.status === (command.type === 'offer.accept' ? 'accepted' : 'declined')) return NOTHING;
    const outcome = router.try({
      type: command.type === 'offer.accept' ? 'offerAccepted' : 'offerDeclined',
      contactId: offer.conversationId,
      agentId: command.agentId,
      offerId: command.offerId,
    });
    if (!outcome.ok) return rejected(command, ErrorCode.OfferNotLive, outcome.error.message);
    return { decisions: outcome.decisions, events: [] };
  }

  private async setStatus(
    router: TenantRouter,
    command: Extract<AgentCommandV1, { type: 'status.set' }>,
  ): Promise<CommandResult> {
    const agent = await this.prisma.agent.findFirst({
      where: { id: command.agentId, tenantId: command.tenantId },
      select: { active: true },
    });
    if (!agent?.active && command.status !== 'offline') {
      return rejected(command, ErrorCode.Forbidden, 'This agent profile is deactivated and cannot take work');
    }
    const outcome = router.try({
      type: 'setAgentStatus',
      agentId: command.agentId,
      status: toCoreStatus(command.status),
    });
    if (!outcome.ok) return rejected(command, ErrorCode.NotFound, outcome.error.message);
    await this.prisma.agent.update({ where: { id: command.agentId }, data: { status: command.status } });
    return {
      // The status is stored before the offers it unlocks are written, so a restart never sees offers to an offline agent.
      decisions: outcome.decisions,
      events: [
        { type: 'agent.status-changed', agentId: command.agentId, status: command.status, cause: 'agent' },
      ],
    };
  }

  private async resolve(
    router: TenantRouter,
    command: Extract<AgentCommandV1, { type: 'conversation.resolve' }>,
  ): Promise<CommandResult> {
    const resolved = await this.prisma.conversation.count({
      where: { id: command.conversationId, tenantId: command.tenantId, status: 'resolved' },
    });
    if (resolved > 0) return NOTHING;
    const owner = router.ownerOf(command.conversationId);
    if (owner?.state !== 'assigned' || owner.agentId !== command.agentId) {
      return rejected(
        command,
        ErrorCode.Forbidden,
        `Conversation ${command.conversationId} is not assigned to you`,
      );
    }
    const outcome = router.try({ type: 'contactCompleted', contactId: command.conversationId });
    if (!outcome.ok) return rejected(command, ErrorCode.Conflict, outcome.error.message);
    const now = new Date();
    await this.prisma.$transaction([
      this.prisma.conversation.update({
        where: { id: command.conversationId },
        data: { status: 'resolved', resolvedAt: now },
      }),
      this.prisma.assignment.updateMany({
        where: { conversationId: command.conversationId, endedAt: null },
        data: { endedAt: now },
      }),
    ]);
    return {
      decisions: outcome.decisions,
      events: [
        { type: 'conversation.resolved', conversationId: command.conversationId, agentId: command.agentId },
      ],
    };
  }
}

const NOTHING: CommandResult = { decisions: [], events: [] };

function rejected(command: AgentCommandV1, code: string, message: string): CommandResult {
  return {
    decisions: [],
    events: [
      { type: 'command.rejected', commandId: command.commandId, agentId: command.agentId, code, message },
    ],
  };
}
