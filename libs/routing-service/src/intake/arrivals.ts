// Hands a batch's new and reopened conversations to the routing core and announces every stored message: a new
// conversation is `conversation.queued`, a reopened one `conversation.reopened`, and each message is
// `message.received` for whoever works it.
import type { RoutingCommand, RoutingDecision } from '@switchboard/routing-core';
import type { Logger } from 'pino';
import { DEFAULT_QUEUE_ID } from '../engine/routing-input.mapper';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { WriteSet } from '../write/write-set';
import type { CustomerRelationship } from './intake-lookups';
import type { PlannedMessage, Reopening } from './intake.planner';

export function routeArrivals(
  ctx: Pick<TenantContext, 'tenantId' | 'router'>,
  stored: readonly PlannedMessage[],
  relationships: ReadonlyMap<string, CustomerRelationship>,
  set: WriteSet,
  logger: Logger,
): RoutingDecision[] {
  const arrivals = stored
    .filter((m) => m.opened || m.reopened)
    .map((m) => arrival(m, relationships.get(m.customerId)));
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
      ...(m.reopened ? reopenedStickiness(m.reopened) : {}),
    },
  };
}

/**
 * A reopened conversation prefers the agent who had it. The core offers it to them when they are eligible
 * (available, with room, skills and language) and otherwise routes by the queue's strategy at once: nobody
 * waits for an agent who is offline or full. Its offers are numbered after the ones it already had.
 */
function reopenedStickiness(r: Reopening): { preferredAgentId?: string; offerAttempts: number } {
  return {
    ...(r.previousAgentId ? { preferredAgentId: r.previousAgentId } : {}),
    offerAttempts: r.offerAttempts,
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

function announce(ctx: Pick<TenantContext, 'router'>, m: PlannedMessage, set: WriteSet): void {
  const { record } = m;
  if (m.reopened) {
    set.events.push({
      type: 'conversation.reopened',
      conversationId: m.conversationId,
      customerId: m.customerId,
      channel: record.channel,
      queueId: m.queueId,
      priority: record.priority ?? 0,
      tier: record.tier ?? 'standard',
      previousAgentId: m.reopened.previousAgentId,
      resolvedAt: new Date(m.reopened.resolvedAt).toISOString(),
    });
  }
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
