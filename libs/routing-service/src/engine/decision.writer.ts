// Persists the routing core's decisions in one transaction and returns the events that announce them.
// Events are published only after this commits, so a console never sees an offer the database lost.
import type { RoutingEventBody } from '@switchboard/contracts';
import type { Prisma, PrismaClient } from '@switchboard/persistence';
import type { RoutingDecision } from '@switchboard/routing-core';
import { DEFAULT_QUEUE_ID, toWireStatus } from './routing-input.mapper';

type Tx = Prisma.TransactionClient;
type Json = Prisma.InputJsonValue;

const OUTCOME_OF_REQUEUE = {
  declined: 'declined',
  timeout: 'expired',
  'agent-offline': 'cancelled',
  'agent-removed': 'cancelled',
} as const;

export class DecisionWriter {
  constructor(private readonly prisma: PrismaClient) {}

  async write(decisions: readonly RoutingDecision[]): Promise<RoutingEventBody[]> {
    if (decisions.length === 0) return [];
    return this.prisma.$transaction(async (tx) => {
      const events: RoutingEventBody[] = [];
      for (const decision of decisions) events.push(...(await this.writeOne(tx, decision)));
      return events;
    });
  }

  private async writeOne(tx: Tx, d: RoutingDecision): Promise<RoutingEventBody[]> {
    const at = new Date(d.at);
    switch (d.type) {
      case 'offer': {
        const reason = d.reason as unknown as Json;
        await tx.offer.create({
          data: {
            id: d.offerId,
            tenantId: d.tenantId,
            conversationId: d.contactId,
            agentId: d.agentId,
            offeredAt: at,
            expiresAt: new Date(d.expiresAt),
            reason,
          },
        });
        await tx.conversation.update({ where: { id: d.contactId }, data: { status: 'offered' } });
        await this.log(tx, d.tenantId, d.contactId, 'offer', {
          offerId: d.offerId,
          agentId: d.agentId,
          reason,
        });
        const last = await tx.message.findFirst({
          where: { conversationId: d.contactId, direction: 'inbound' },
          orderBy: { sentAt: 'desc' },
          select: { body: true },
        });
        return [
          {
            type: 'offer.created',
            offerId: d.offerId,
            conversationId: d.contactId,
            agentId: d.agentId,
            channel: d.channel,
            expiresAt: new Date(d.expiresAt).toISOString(),
            preview: (last?.body ?? '').slice(0, 280),
            reason: d.reason as unknown as Record<string, unknown>,
          },
        ];
      }
      case 'assigned': {
        const offer = await tx.offer.update({
          where: { id: d.offerId },
          data: { status: 'accepted', respondedAt: at },
          select: { reason: true },
        });
        const assignment = await tx.assignment.create({
          data: {
            tenantId: d.tenantId,
            conversationId: d.contactId,
            agentId: d.agentId,
            offerId: d.offerId,
            assignedAt: at,
            reason: offer.reason as Json,
          },
          select: { id: true },
        });
        await tx.conversation.update({ where: { id: d.contactId }, data: { status: 'assigned' } });
        return [
          {
            type: 'offer.closed',
            offerId: d.offerId,
            conversationId: d.contactId,
            agentId: d.agentId,
            outcome: 'accepted',
          },
          {
            type: 'assignment.created',
            assignmentId: assignment.id,
            offerId: d.offerId,
            conversationId: d.contactId,
            agentId: d.agentId,
          },
        ];
      }
      case 'requeued':
      case 'offerRescinded': {
        const outcome = d.type === 'requeued' ? OUTCOME_OF_REQUEUE[d.cause] : 'cancelled';
        await tx.offer.update({ where: { id: d.offerId }, data: { status: outcome, respondedAt: at } });
        await tx.conversation.updateMany({
          where: { id: d.contactId, status: 'offered' },
          data: { status: 'queued' },
        });
        await this.log(tx, d.tenantId, d.contactId, d.type, {
          offerId: d.offerId,
          agentId: d.agentId,
          cause: d.cause,
        });
        return [
          {
            type: 'offer.closed',
            offerId: d.offerId,
            conversationId: d.contactId,
            agentId: d.agentId,
            outcome,
          },
        ];
      }
      case 'agentStatusChanged': {
        await tx.agent.update({ where: { id: d.agentId }, data: { status: toWireStatus(d.to) } });
        return [
          { type: 'agent.status-changed', agentId: d.agentId, status: toWireStatus(d.to), cause: d.cause },
        ];
      }
      case 'overflowed': {
        await tx.conversation.update({
          where: { id: d.contactId },
          data: { queueId: d.toQueueId === DEFAULT_QUEUE_ID ? null : d.toQueueId },
        });
        await this.log(tx, d.tenantId, d.contactId, 'overflowed', {
          from: d.fromQueueId,
          to: d.toQueueId,
          step: d.step,
        });
        return [];
      }
      case 'relaxed':
      case 'escalated': {
        const { type, tenantId, contactId, ...payload } = d;
        await this.log(tx, tenantId, contactId, type, payload as unknown as Json);
        return [];
      }
    }
  }

  private async log(
    tx: Tx,
    tenantId: string,
    conversationId: string,
    kind: string,
    payload: Json,
  ): Promise<void> {
    await tx.decisionLog.create({ data: { tenantId, conversationId, kind, payload } });
  }
}
