// A conversation's routing history: every offer with the reason it was made, and the decision log.
// Supervisors see any conversation of their tenant; an agent sees only conversations offered to them.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

export interface RoutingHistory {
  conversationId: string;
  status: string;
  offers: Array<{
    offerId: string;
    agentId: string;
    status: string;
    offeredAt: string;
    expiresAt: string;
    respondedAt: string | null;
    reason: unknown;
  }>;
  decisions: Array<{ kind: string; at: string; payload: unknown }>;
}

@Injectable()
export class GetRoutingHistory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, conversationId: string): Promise<RoutingHistory> {
    const conversation = await this.prisma.conversation.findFirst({
      // The tenant is part of the lookup, so another tenant's id is simply not found.
      where: { id: conversationId, tenantId: principal.tenantId },
      include: {
        offers: { orderBy: { offeredAt: 'asc' } },
        decisionLogs: { orderBy: { createdAt: 'asc' } },
      },
    });
    const involved = conversation?.offers.some((o) => o.agentId === principal.agentId) ?? false;
    if (!conversation || (principal.role === 'agent' && !involved)) {
      throw new DomainError(ErrorCode.NotFound, `Conversation ${conversationId} not found`);
    }
    return {
      conversationId: conversation.id,
      status: conversation.status,
      offers: conversation.offers.map((o) => ({
        offerId: o.id,
        agentId: o.agentId,
        status: o.status,
        offeredAt: o.offeredAt.toISOString(),
        expiresAt: o.expiresAt.toISOString(),
        respondedAt: o.respondedAt?.toISOString() ?? null,
        reason: o.reason,
      })),
      decisions: conversation.decisionLogs.map((d) => ({
        kind: d.kind,
        at: d.createdAt.toISOString(),
        payload: d.payload,
      })),
    };
  }
}
