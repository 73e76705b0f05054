// Hands a batch's new conversations to the routing core and announces every stored message: a new
// conversation is `conversation.queued`, and each message is `message.received` for whoever works it.
import type { RoutingCommand, RoutingDecision } from '@switchboard/routing-core';
import type { Logger } from 'pino';
import { DEFAULT_QUEUE_ID } from '../engine/routing-input.mapper';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { WriteSet } from '../write/write-set';
import type { CustomerRelationship } from './intake-lookups';
import type { PlannedMessage } from './intake.planner';

export function routeArrivals(
  ctx: TenantContext,
  stored: readonly PlannedMessage[],
  relationships: ReadonlyMap<string, CustomerRelationship>,
  set: WriteSet,
  logger: Logger,
): RoutingDecision[] {
  const arrivals = stored.filter((m) => m.opened).map((m) => arrival(m, relationships.get(m.customerId)));
  const { decisions, refused } = ctx.router.apply(arrivals);
  for (const error of refused) logger.error({ tenantId: ctx.tenantId, code: error.code }, error.message);
  for (const message of stored) announce(ctx, message, set);
  return decisions;
}

function arrival(m: PlannedMessage, relationship: CustomerRelationship | undefined): RoutingCommand {
  const { record } = m;
  return {
    type: 'contactArrived',
    contact: {
      id: m.conversationId,
      tenantId: record.tenantId,
      channel: record.channel,
      queueId: m.queueId ?? DEFAULT_QUEUE_ID,
      basePriority: record.priority ?? 0,
      requiredSkills: record.requiredSkills ?? [],
      ...(record.language ? { language: record.language } : {}),
      customerTier: record.tier ?? 'standard',
      arrivedAt: Date.parse(record.receivedAt),
      ...(m.slaDeadline !== null ? { slaDeadline: m.slaDeadline } : {}),
      ...stickiness(relationship),
    },
  };
}

function stickiness(r: CustomerRelationship | undefined): {
  preferredAgentId?: string;
  lastAgentId?: string;
  lastHandledAt?: number;
} {
  if (!r) return {};
  return {
    ...(r.preferredAgentId ? { preferredAgentId: r.preferredAgentId } : {}),
    ...(r.lastAgentId && r.lastHandledAt !== null
      ? { lastAgentId: r.lastAgentId, lastHandledAt: r.lastHandledAt }
      : {}),
  };
}

function announce(ctx: TenantContext, m: PlannedMessage, set: WriteSet): void {
  const { record } = m;
  if (m.opened) {
    set.events.push({
      type: 'conversation.queued',
      conversationId: m.conversationId,
      customerId: m.customerId,
      channel: record.channel,
      queueId: m.queueId,
      priority: record.priority ?? 0,
      tier: record.tier ?? 'standard',
    });
  }
  const owner = ctx.router.ownerOf(m.conversationId);
  set.events.push({
    type: 'message.received',
    conversationId: m.conversationId,
    messageId: m.messageId,
    channel: record.channel,
    channelMessageId: record.channelMessageId,
    body: record.body,
    sentAt: new Date(Date.parse(record.sentAt)).toISOString(),
    // Only the agent working the conversation gets its messages; an offer carries its own preview.
    agentId: owner?.state === 'assigned' ? owner.agentId : null,
  });
}
