// A conversation's routing history: every offer with the reason it was made, and the decision log.
// Supervisors see any conversation of their tenant; an agent sees only conversations offered or assigned to them.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { conversationScope } from './conversation-scope';
import { toDecisionView, toOfferView, type DecisionView, type OfferView } from './routing-history.mapper';

export interface RoutingHistory {
  conversationId: string;
  status: string;
  offers: OfferView[];
  decisions: DecisionView[];
}

@Injectable()
export class GetRoutingHistory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, conversationId: string): Promise<RoutingHistory> {
    const conversation = await this.prisma.conversation.findFirst({
      // Tenant and visibility are part of the lookup, so another tenant's id is simply not found.
      where: { AND: [{ id: conversationId }, conversationScope(principal)] },
      include: {
        offers: { orderBy: [{ offeredAt: 'asc' }, { id: 'asc' }] },
        decisionLogs: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      },
    });
    if (!conversation) throw new DomainError(ErrorCode.NotFound, `Conversation ${conversationId} not found`);
    return {
      conversationId: conversation.id,
      status: conversation.status,
      offers: conversation.offers.map(toOfferView),
      decisions: conversation.decisionLogs.map(toDecisionView),
    };
  }
}
