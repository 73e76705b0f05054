// One queue with the policy the router actually applies and how much open work it holds.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { effectivePolicy } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { notFound } from '../shared/tenant-refs.util';
import { storedPolicy, toQueueView, type QueueDetailView } from './queue.view';

@Injectable()
export class GetQueue {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<QueueDetailView> {
    const queue = await this.prisma.queue.findFirst({
      // The tenant is part of the lookup, so another tenant's id is simply not found.
      where: { id, tenantId: principal.tenantId },
      include: { routingPolicy: { select: { document: true } } },
    });
    if (!queue) throw notFound('Queue', id);
    const openConversations = await this.prisma.conversation.count({
      where: { tenantId: principal.tenantId, queueId: id, status: { not: 'resolved' } },
    });
    const named = queue.routingPolicy ? storedPolicy(queue.routingPolicy.document) : null;
    return {
      ...toQueueView(queue),
      effectivePolicy: effectivePolicy(named, storedPolicy(queue.policy)),
      openConversations,
    };
  }
}
