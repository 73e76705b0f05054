// Reads a tenant's open work from Postgres and turns it into the routing core's restore commands, so a router
// that takes over a partition (or restarts) continues exactly where the previous owner stopped.
import type { PrismaClient } from '@switchboard/persistence';
import type { AppliedEscalation, RestoredContactInput, RoutingCommand } from '@switchboard/routing-core';
import {
  defaultQueueInput,
  QUEUE_POLICY_INCLUDE,
  toAgentInput,
  toContactInput,
  toQueueInput,
} from './routing-input.mapper';

export class TenantStateLoader {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly offerTimeoutMs: number,
  ) {}

  async restoreCommands(tenantId: string): Promise<RoutingCommand[]> {
    const [queues, agents, conversations] = await Promise.all([
      this.prisma.queue.findMany({
        where: { tenantId },
        orderBy: { id: 'asc' },
        include: QUEUE_POLICY_INCLUDE,
      }),
      this.prisma.agent.findMany({ where: { tenantId }, orderBy: { id: 'asc' } }),
      this.prisma.conversation.findMany({
        where: { tenantId, status: { not: 'resolved' } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: {
          customer: { select: { preferredAgentId: true } },
          offers: { select: { id: true, agentId: true, status: true, offeredAt: true, expiresAt: true } },
          // The latest only: open while the conversation is worked; ended when it was resolved and reopened.
          assignments: {
            orderBy: [{ assignedAt: 'desc' }, { id: 'desc' }],
            take: 1,
            select: { agentId: true, endedAt: true },
          },
        },
      }),
    ]);
    const commands: RoutingCommand[] = [
      { type: 'upsertQueue', queue: defaultQueueInput(tenantId, this.offerTimeoutMs) },
    ];
    for (const queue of queues) commands.push({ type: 'upsertQueue', queue: toQueueInput(queue) });
    for (const agent of agents) commands.push({ type: 'upsertAgent', agent: toAgentInput(agent) });
    for (const conversation of conversations) {
      const latest = conversation.assignments[0];
      // An unresolved conversation whose latest assignment ended was reopened: its previous agent stays
      // preferred (sticky-last), and only refusals since it was resolved still exclude agents.
      const reopenedAfter = latest?.endedAt ?? null;
      const contact: RestoredContactInput = {
        ...toContactInput(conversation, {
          preferredAgentId: conversation.customer.preferredAgentId,
          lastAgentId: reopenedAfter ? latest.agentId : null,
          lastHandledAt: reopenedAfter,
        }),
        excludedAgentIds: conversation.offers
          .filter((o) => o.status === 'declined' || o.status === 'expired')
          .filter((o) => !reopenedAfter || o.offeredAt > reopenedAfter)
          .map((o) => o.agentId),
        offerAttempts: conversation.offers.length,
        escalations: storedEscalations(conversation.escalations),
      };
      const liveOffer = conversation.offers.find((o) => o.status === 'pending');
      const assignment = latest && latest.endedAt === null ? latest : undefined;
      if (assignment) {
        commands.push({ type: 'restoreAssignment', contact, agentId: assignment.agentId });
      } else if (liveOffer) {
        commands.push({
          type: 'restoreOffer',
          contact,
          agentId: liveOffer.agentId,
          offerId: liveOffer.id,
          offeredAt: liveOffer.offeredAt.getTime(),
          expiresAt: liveOffer.expiresAt.getTime(),
        });
      } else {
        commands.push({ type: 'restoreContact', contact });
      }
    }
    commands.push({ type: 'restoreCompleted' });
    return commands;
  }
}

/** Escalations as the router stored them (AppliedEscalation[]); anything else restores none. */
function storedEscalations(value: unknown): AppliedEscalation[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is AppliedEscalation =>
      typeof e === 'object' &&
      e !== null &&
      typeof (e as AppliedEscalation).raisedBy === 'number' &&
      typeof (e as AppliedEscalation).reason?.cause === 'string' &&
      typeof (e as AppliedEscalation).reason?.target === 'string',
  );
}
