// An integrator says its customer gave up on a conversation (hung up, closed the app). The record goes to the
// router on the agent-commands topic, which abandons the conversation only if no agent has answered it yet.
import { Inject, Injectable } from '@nestjs/common';
import type { IntegratorPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { CUSTOMER_LEFT_V1, DomainError, ErrorCode, type CustomerLeftV1 } from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

export interface AbandonAccepted {
  conversationId: string;
}

@Injectable()
export class AbandonConversation {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(
    principal: IntegratorPrincipal,
    conversationId: string,
    now = new Date(),
  ): Promise<AbandonAccepted> {
    const { tenantId } = principal;
    // Another tenant's conversation is as unknown as a missing one.
    const conversation = await this.prisma.conversation.findFirst({
      where: { id: conversationId, tenantId },
      select: { status: true },
    });
    if (!conversation) throw new DomainError(ErrorCode.NotFound, `Conversation ${conversationId} not found`);
    if (conversation.status === 'resolved')
      throw new DomainError(ErrorCode.Conflict, `Conversation ${conversationId} has already ended`);
    const record: CustomerLeftV1 = {
      schema: CUSTOMER_LEFT_V1,
      tenantId,
      conversationId,
      reason: 'integrator',
      at: now.toISOString(),
    };
    await this.bus.publish(this.config.topics.agentCommands, [
      { key: tenantId, value: JSON.stringify(record) },
    ]);
    return { conversationId };
  }
}
