// Re-reads a changed agent or queue from the database and feeds it to the routing core, which re-evaluates
// waiting work at once (a new skill, more capacity or a looser policy can unlock offers immediately).
import type { ConfigChangedV1 } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';
import type { RoutingCommand, RoutingDecision, RoutingError } from '@switchboard/routing-core';
import { QUEUE_POLICY_INCLUDE, toAgentInput, toQueueInput } from '../engine/routing-input.mapper';
import type { TenantRouter } from '../engine/tenant-router';

export class ConfigChangeHandler {
  constructor(private readonly prisma: PrismaClient) {}

  async handle(
    router: TenantRouter,
    change: ConfigChangedV1,
  ): Promise<{ decisions: RoutingDecision[]; refused: RoutingError[] }> {
    return router.apply(await this.commandsFor(change));
  }

  private async commandsFor(change: ConfigChangedV1): Promise<RoutingCommand[]> {
    const { tenantId } = change;
    switch (change.entity) {
      case 'agent': {
        const agent = await this.prisma.agent.findFirst({ where: { id: change.id, tenantId } });
        return agent
          ? [{ type: 'upsertAgent', agent: toAgentInput(agent) }]
          : [{ type: 'removeAgent', agentId: change.id }];
      }
      case 'queue': {
        const queue = await this.prisma.queue.findFirst({
          where: { id: change.id, tenantId },
          include: QUEUE_POLICY_INCLUDE,
        });
        return queue
          ? [{ type: 'upsertQueue', queue: toQueueInput(queue) }]
          : [{ type: 'removeQueue', queueId: change.id }];
      }
      case 'routing-policy': {
        // Only the queues that use the changed policy are affected.
        const queues = await this.prisma.queue.findMany({
          where: { tenantId, routingPolicyId: change.id },
          orderBy: { id: 'asc' },
          include: QUEUE_POLICY_INCLUDE,
        });
        return queues.map((queue) => ({ type: 'upsertQueue', queue: toQueueInput(queue) }));
      }
      case 'sla-policy':
      case 'business-hours':
      case 'settings':
        // These do not change routing state; the tenant's SLA catalog or settings are re-read instead.
        return [];
    }
  }
}
