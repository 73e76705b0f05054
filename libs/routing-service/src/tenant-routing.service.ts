// The router's workflows for one tenant at a time: intake, agent commands and timer ticks. Each step
// persists first, then publishes, and drops the in-memory state on any failure so a retry rebuilds it.
import type {
  AgentCommandV1,
  ConfigChangedV1,
  InboundContactV1,
  RoutingEventBody,
} from '@switchboard/contracts';
import type { RoutingCommand, RoutingDecision } from '@switchboard/routing-core';
import type { Logger } from 'pino';
import type { AgentCommandHandler } from './commands/agent-command.handler';
import type { ConfigChangeHandler } from './commands/config-change.handler';
import type { DecisionWriter } from './engine/decision.writer';
import { DEFAULT_QUEUE_ID } from './engine/routing-input.mapper';
import type { TenantRouter } from './engine/tenant-router';
import type { TenantRouterRegistry } from './engine/tenant-router.registry';
import type { RoutingEventPublisher } from './events/routing-event.publisher';
import type { StoreInbound, StoredMessage } from './intake/store-inbound.usecase';

export interface TenantRoutingDeps {
  registry: TenantRouterRegistry;
  storeInbound: StoreInbound;
  commands: AgentCommandHandler;
  config: ConfigChangeHandler;
  writer: DecisionWriter;
  publisher: RoutingEventPublisher;
  logger: Logger;
  /** Runs work in the tenant's lane; timers use it so ticks never interleave with batches. */
  inLane: (tenantId: string, work: () => Promise<void>) => Promise<void>;
}

export class TenantRoutingService {
  constructor(private readonly deps: TenantRoutingDeps) {}

  async intake(tenantId: string, records: InboundContactV1[], queueIds: Map<string, string>): Promise<void> {
    await this.guarded(tenantId, async (router, events) => {
      const { stored, duplicates } = await this.deps.storeInbound.execute(tenantId, records, queueIds);
      if (duplicates > 0) this.deps.logger.info({ tenantId, duplicates }, 'skipped already-stored messages');
      const arrivals: RoutingCommand[] = [];
      for (const message of stored) {
        if (message.opened) arrivals.push(arrival(records, message, queueIds));
      }
      const { decisions, refused } = router.apply(arrivals);
      for (const error of refused) this.deps.logger.error({ tenantId, code: error.code }, error.message);
      for (const message of stored) events.push(...announce(router, message, records, queueIds));
      return decisions;
    });
  }

  async command(tenantId: string, command: AgentCommandV1): Promise<void> {
    await this.guarded(tenantId, async (router, events) => {
      const result = await this.deps.commands.handle(router, command);
      events.push(...result.events);
      return result.decisions;
    });
  }

  async configChanged(tenantId: string, change: ConfigChangedV1): Promise<void> {
    await this.guarded(tenantId, async (router) => {
      const { decisions, refused } = await this.deps.config.handle(router, change);
      for (const error of refused)
        this.deps.logger.warn({ tenantId, change, code: error.code }, error.message);
      return decisions;
    });
  }

  /** Loads a tenant (and arms its timers) without waiting for its next record: used after a rebalance. */
  async warm(tenantId: string): Promise<void> {
    await this.guarded(tenantId, () => Promise.resolve([]));
  }

  private async tick(tenantId: string): Promise<void> {
    await this.guarded(tenantId, (router) => Promise.resolve(router.apply([{ type: 'tick' }]).decisions));
  }

  /**
   * Acquires the router, runs the step, persists its decisions and publishes all events. On failure the
   * tenant's in-memory state is dropped: the database is the truth, and the next attempt rebuilds from it.
   */
  private async guarded(
    tenantId: string,
    step: (router: TenantRouter, events: RoutingEventBody[]) => Promise<RoutingDecision[]>,
  ): Promise<void> {
    try {
      const { router, restored } = await this.deps.registry.acquire(tenantId);
      const before = await this.deps.writer.write(restored);
      const events: RoutingEventBody[] = [...before];
      const decisions = await step(router, events);
      events.push(...(await this.deps.writer.write(decisions)));
      await this.deps.publisher.publish(tenantId, events);
      router.armTimer(() => this.onTimer(tenantId));
    } catch (error) {
      this.deps.registry.drop(tenantId);
      throw error;
    }
  }

  private onTimer(tenantId: string): void {
    this.deps
      .inLane(tenantId, () => this.tick(tenantId))
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, tenantId }, 'timer step failed; rebuilding tenant state');
        setTimeout(
          () => void this.deps.inLane(tenantId, () => this.warm(tenantId)).catch(() => undefined),
          1000,
        ).unref();
      });
  }
}

function arrival(
  records: InboundContactV1[],
  message: StoredMessage,
  queueIds: Map<string, string>,
): RoutingCommand {
  const record = recordOf(records, message);
  return {
    type: 'contactArrived',
    contact: {
      id: message.conversationId,
      tenantId: record.tenantId,
      channel: record.channel,
      queueId: record.queue ? (queueIds.get(record.queue) ?? DEFAULT_QUEUE_ID) : DEFAULT_QUEUE_ID,
      basePriority: record.priority ?? 0,
      requiredSkills: record.requiredSkills ?? [],
      ...(record.language ? { language: record.language } : {}),
      customerTier: record.tier ?? 'standard',
      arrivedAt: Date.parse(record.receivedAt),
      ...(message.slaDeadline ? { slaDeadline: message.slaDeadline } : {}),
      ...stickiness(message),
    },
  };
}

function stickiness(message: StoredMessage): {
  preferredAgentId?: string;
  lastAgentId?: string;
  lastHandledAt?: number;
} {
  const r = message.relationship;
  if (!r) return {};
  return {
    ...(r.preferredAgentId ? { preferredAgentId: r.preferredAgentId } : {}),
    ...(r.lastAgentId && r.lastHandledAt
      ? { lastAgentId: r.lastAgentId, lastHandledAt: r.lastHandledAt.getTime() }
      : {}),
  };
}

function announce(
  router: TenantRouter,
  message: StoredMessage,
  records: InboundContactV1[],
  queueIds: Map<string, string>,
): RoutingEventBody[] {
  const record = recordOf(records, message);
  const owner = router.ownerOf(message.conversationId);
  const events: RoutingEventBody[] = [];
  if (message.opened) {
    events.push({
      type: 'conversation.queued',
      conversationId: message.conversationId,
      customerId: message.customerId,
      channel: message.channel,
      queueId: record.queue ? (queueIds.get(record.queue) ?? null) : null,
      priority: record.priority ?? 0,
      tier: record.tier ?? 'standard',
    });
  }
  events.push({
    type: 'message.received',
    conversationId: message.conversationId,
    messageId: message.messageId,
    channel: message.channel,
    body: message.body,
    sentAt: message.sentAt.toISOString(),
    // Only the agent working the conversation gets its messages; an offer carries its own preview.
    agentId: owner?.state === 'assigned' ? owner.agentId : null,
  });
  return events;
}

function recordOf(records: InboundContactV1[], message: StoredMessage): InboundContactV1 {
  // Stored messages keep their record's channel message id, so this lookup is exact.
  return records.find(
    (r) => r.channel === message.channel && r.channelMessageId === message.channelMessageId,
  )!;
}
