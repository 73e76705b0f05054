// The router role as a Nest module: wires the consumer, the per-tenant lanes and the routing core together,
// and rebuilds tenant state from Postgres whenever Kafka hands this process a new set of partitions.
import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { csatLinkKey, inboundContactSchemas } from '@switchboard/contracts';
import { BUS, BUS_METRICS, type Bus, type BusMetrics, type TopicPartitions } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import {
  InjectPrisma,
  SQL_TRANSACTOR,
  type PrismaClient,
  type SqlTransactor,
} from '@switchboard/persistence';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { AgentCommandHandler } from './commands/agent-command.handler';
import { CommandOutcomePublisher } from './commands/command-outcome.publisher';
import { ConfigChangeHandler } from './commands/config-change.handler';
import { RouterConsumer } from './consumer/router.consumer';
import { TenantLanes } from './consumer/tenant-lane';
import { TenantDirectory } from './consumer/tenant.directory';
import { TenantRouterRegistry } from './engine/tenant-router.registry';
import { TenantStateLoader } from './engine/tenant-state.loader';
import { DEFAULT_CSAT_TEXT } from './csat/csat-survey.planner';
import { CsatSurveyStep } from './csat/csat-survey.step';
import { DEFAULT_AUTO_ACK_TEMPLATE, DEFAULT_AUTO_ACK_UNKNOWN } from './estimates/auto-ack.planner';
import { AutoAckStep } from './estimates/auto-ack.step';
import { EventOutbox } from './events/event-outbox';
import { splitDueKeys } from './follow-ups/follow-up-timer.util';
import { FollowUpStep } from './follow-ups/follow-up.step';
import { PresenceStep, splitPresenceKeys } from './presence/presence.step';
import { TenantBatchRunner } from './consumer/tenant-batch.runner';
import { buildQueueStats } from './metrics/queue-stats.builder';
import { QueueStatsPublisher } from './metrics/queue-stats.publisher';
import { SlaClockStep } from './sla/sla-clock.step';
import { SlaTimers } from './sla/sla-timers';
import { BatchWriter } from './write/batch.writer';
import { TenantRoutingService } from './tenant-routing.service';

@Module({})
export class RoutingServiceModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: RouterConsumer;
  private readonly lanes = new TenantLanes();
  private readonly registry: TenantRouterRegistry;
  private readonly routing: TenantRoutingService;
  private readonly logger: Logger;
  private readonly slaTimers: SlaTimers;
  private readonly queueStats: QueueStatsPublisher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(BUS) private readonly bus: Bus,
    @InjectPrisma() prisma: PrismaClient,
    @Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor,
    @Inject(ROOT_LOGGER) rootLogger: Logger,
    @Inject(BUS_METRICS) metrics: BusMetrics,
  ) {
    const now = (): number => Date.now();
    this.logger = rootLogger.child({ component: 'router' });
    this.registry = new TenantRouterRegistry({
      sql,
      prisma,
      loader: new TenantStateLoader(prisma, config.offerTimeoutMs),
      now,
      reopenWindowMs: config.reopenWindowMs,
      owner: `${hostname()}:${process.pid}`,
    });
    this.registry.onRestoreRefused = (tenantId, problems) =>
      this.logger.error({ tenantId, problems }, 'stored state refused by the routing core during rebuild');
    this.registry.onMetricsRefused = (tenantId, count, reason) =>
      this.logger.warn({ tenantId, count, reason }, 'metric facts left out of the rollups');
    this.slaTimers = new SlaTimers(now, this.logger.child({ component: 'sla-timers' }));
    this.queueStats = new QueueStatsPublisher({
      bus,
      topic: config.topics.queueStats,
      partitions: config.bus.kind === 'kafka' ? config.bus.partitions : 1,
      intervalMs: config.queueStats.intervalMs,
      refreshMs: config.queueStats.refreshMs,
      now,
      logger: this.logger.child({ component: 'queue-stats' }),
      snapshot: (tenantId) => {
        const ctx = this.registry.get(tenantId);
        if (ctx === undefined) return undefined;
        return buildQueueStats({ tenantId, now: now(), load: ctx.router.listLoad(), today: ctx.today });
      },
      tenants: () => this.registry.tenantIds(),
      inLane: (tenantId, work) => this.lanes.run(tenantId, work),
    });
    this.registry.onDropped = (tenantId) => {
      this.slaTimers.dropTenant(tenantId);
      this.queueStats.forget(tenantId);
    };
    const sla = new SlaClockStep(this.slaTimers, this.logger);
    const followUps = new FollowUpStep({
      prisma,
      sql,
      wakeUps: this.slaTimers,
      sla,
      now,
      logger: this.logger,
    });
    const presence = new PresenceStep(
      this.slaTimers,
      { leaseMs: config.presence.leaseMs, graceMs: config.presence.graceMs },
      now,
    );
    this.routing = new TenantRoutingService({
      registry: this.registry,
      sql,
      prisma,
      commands: new AgentCommandHandler(prisma, now, sla, followUps),
      config: new ConfigChangeHandler(prisma),
      writer: new BatchWriter(sql, config.limits.txTimeoutMs),
      outbox: new EventOutbox(bus, config.topics.routingEvents, this.logger, config.topics.outbound),
      sla,
      followUps,
      logger: this.logger,
      now,
      reopenWindowMs: config.reopenWindowMs,
      inLane: (tenantId, work) => this.lanes.run(tenantId, work),
      autoAck: new AutoAckStep(
        sql,
        {
          channels: config.autoAck.channels,
          template: config.autoAck.template ?? DEFAULT_AUTO_ACK_TEMPLATE,
          unknownText: config.autoAck.unknownText ?? DEFAULT_AUTO_ACK_UNKNOWN,
        },
        uuidv7,
        now,
      ),
      csat: new CsatSurveyStep(
        sql,
        { channels: config.csat.channels, text: config.csat.text ?? DEFAULT_CSAT_TEXT },
        uuidv7,
        now,
        config.csat.linkBaseUrl
          ? { baseUrl: config.csat.linkBaseUrl, key: csatLinkKey(config.jwt.secret) }
          : undefined,
      ),
      onCommitted: (tenantId) => this.queueStats.changed(tenantId),
      outcomes: new CommandOutcomePublisher(bus, config.topics.commandOutcomes, this.logger),
      presence,
      ...crashAfterCommit(config.faultCrashAfterCommit, this.logger),
    });
    this.slaTimers.handleDueWith((tenantId, keys) => {
      // One driver, three key spaces: SLA clocks by conversation id, `followup:<id>` and `presence:<agentId>`.
      const { agentIds, others } = splitPresenceKeys(keys);
      const { conversationIds, followUpIds } = splitDueKeys(others);
      void this.lanes
        .run(tenantId, async () => {
          if (agentIds.length > 0) await this.routing.presenceDue(tenantId, agentIds);
          if (conversationIds.length > 0) await this.routing.slaDue(tenantId, conversationIds);
          if (followUpIds.length > 0) await this.routing.followUpsDue(tenantId, followUpIds);
        })
        .catch((error: unknown) => {
          // The tenant was dropped; its takeover reloads the clocks and schedules them again.
          this.logger.error({ err: error, tenantId }, 'SLA step failed; tenant state will be rebuilt');
          void this.lanes.run(tenantId, () => this.routing.warm(tenantId)).catch(() => undefined);
        });
    });
    const runner = new TenantBatchRunner({
      routing: this.routing,
      maxRecords: config.limits.batchMaxRecords,
      deadLetter: (message, rejection) => this.consumer.deadLetter(message, rejection),
      logger: this.logger,
    });
    this.consumer = new RouterConsumer({
      bus,
      topics: config.topics,
      groupId: config.routerGroupId,
      partitions: config.bus.kind === 'kafka' ? config.bus.partitions : 1,
      lanes: this.lanes,
      runner,
      directory: new TenantDirectory(prisma),
      logger: this.logger,
      metrics,
      onRebalance: (owned) => this.onRebalance(owned),
      inboundSchema: inboundContactSchemas(config.urls).record,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queueStats.start();
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    this.queueStats.stop();
    await this.registry
      .saveWatermarks()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'could not store event-log watermarks'));
    this.registry.dropAll();
    await this.slaTimers.stop();
  }

  private onRebalance(owned: TopicPartitions[]): void {
    // Another router may have written while we did not own these tenants: forget everything and rebuild.
    this.registry.dropAll();
    const partitions = new Set(owned.find((o) => o.topic === this.config.topics.inbound)?.partitions ?? []);
    void this.warmOwnedTenants(partitions).catch((error: unknown) =>
      this.logger.error({ err: error }, 'could not warm owned tenants after rebalance'),
    );
  }

  /**
   * Takes over, right away, the owned tenants with open work (so their offer timers run even if no new record
   * arrives) or with events that may not have been published (so they go out without waiting for traffic), and
   * those with scheduled follow-ups (whose conversations may all be resolved).
   */
  private async warmOwnedTenants(partitions: Set<number>): Promise<void> {
    const count = this.consumer.partitionCount;
    const rows = await this.sql.query<{ tenant_id: string }>(
      `SELECT DISTINCT tenant_id FROM conversations WHERE status <> 'resolved'
       UNION SELECT tenant_id FROM tenant_owners WHERE last_seq > published_seq
       UNION SELECT tenant_id FROM follow_ups WHERE status = 'scheduled'`,
    );
    const mine = rows.map((r) => r.tenant_id).filter((id) => partitions.has(this.bus.partitionOf(id, count)));
    await Promise.all(mine.map((tenantId) => this.lanes.run(tenantId, () => this.routing.warm(tenantId))));
    this.logger.info({ tenants: mine.length }, 'rebuilt tenant state after assignment');
  }
}

/** Fault injection: a real `kill -9` of this process between a commit and its publish. */
function crashAfterCommit(
  eventType: string | undefined,
  logger: Logger,
): { afterCommit?: (events: readonly { type: string }[]) => void } {
  if (!eventType) return {};
  logger.warn({ eventType }, 'FAULT_CRASH_AFTER_COMMIT is set: this router will kill itself after a commit');
  return {
    afterCommit: (events) => {
      if (events.some((e) => e.type === eventType)) process.kill(process.pid, 'SIGKILL');
    },
  };
}
