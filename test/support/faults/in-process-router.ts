// One router's routing stack built in-process, wired as RoutingServiceModule wires it (registry, state loader,
// intake, command handlers, fenced batch writer, event outbox), minus Kafka: records are handed to runChunk
// directly and published events are recorded. Two of these on one database are two routers that overlap.
import {
  INBOUND_CONTACT_V1,
  AGENT_COMMAND_V1,
  RoutingEventV1Schema,
  type AgentCommandInput,
  type AgentCommandV1,
  type InboundContactV1,
  type RoutingEventV1,
} from '@switchboard/contracts';
import type { Bus, OutgoingMessage } from '@switchboard/messaging';
import type { Database, SqlTransactor } from '@switchboard/persistence';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { AgentCommandHandler } from '../../../libs/routing-service/src/commands/agent-command.handler';
import { ConfigChangeHandler } from '../../../libs/routing-service/src/commands/config-change.handler';
import { TenantLanes } from '../../../libs/routing-service/src/consumer/tenant-lane';
import { TenantRouterRegistry } from '../../../libs/routing-service/src/engine/tenant-router.registry';
import { TenantStateLoader } from '../../../libs/routing-service/src/engine/tenant-state.loader';
import { EventOutbox } from '../../../libs/routing-service/src/events/event-outbox';
import { splitDueKeys } from '../../../libs/routing-service/src/follow-ups/follow-up-timer.util';
import { FollowUpStep } from '../../../libs/routing-service/src/follow-ups/follow-up.step';
import {
  TenantRoutingService,
  type TenantItem,
} from '../../../libs/routing-service/src/tenant-routing.service';
import { BatchWriter, type BatchCommit } from '../../../libs/routing-service/src/write/batch.writer';
import { SlaClockStep } from '../../../libs/routing-service/src/sla/sla-clock.step';
import { SlaTimers } from '../../../libs/routing-service/src/sla/sla-timers';

/** A bus that only records what is published (the outbox is the only publisher here). */
class RecordingBus implements Bus {
  readonly events: RoutingEventV1[] = [];

  publish(_topic: string, messages: OutgoingMessage[]): Promise<void> {
    for (const m of messages) this.events.push(RoutingEventV1Schema.parse(JSON.parse(String(m.value))));
    return Promise.resolve();
  }
  subscribe(): never {
    throw new Error('not used in-process');
  }
  partitionOf(): number {
    return 0;
  }
  ensureTopics(): Promise<Map<string, number>> {
    return Promise.resolve(new Map<string, number>());
  }
  backlog(): Promise<number> {
    return Promise.resolve(0);
  }
  ready(): Promise<void> {
    return Promise.resolve();
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The writer, recording every commit it is asked for (including ones the fence refuses). */
class RecordingBatchWriter extends BatchWriter {
  readonly attempts: BatchCommit[] = [];

  override async commit(commit: BatchCommit): Promise<void> {
    this.attempts.push(commit);
    await super.commit(commit);
  }
}

export interface RouterStack {
  readonly registry: TenantRouterRegistry;
  readonly routing: TenantRoutingService;
  /** Events this router published, in order. */
  readonly published: RoutingEventV1[];
  /** Every commit this router attempted, fenced or not. */
  readonly attempts: BatchCommit[];
  run(tenantId: string, items: TenantItem[]): Promise<void>;
}

/**
 * `sql` replaces the database's transactor (e.g. one that holds a transaction open at a chosen point);
 * `reopenWindowMs` is REOPEN_WINDOW_MINUTES (off unless given).
 */
export function buildRouterStack(
  database: Database,
  owner: string,
  sql: SqlTransactor = database.sql,
  { reopenWindowMs = 0 }: { reopenWindowMs?: number } = {},
): RouterStack {
  const now = (): number => Date.now();
  const logger = pino({ level: 'silent' });
  const lanes = new TenantLanes();
  const bus = new RecordingBus();
  const writer = new RecordingBatchWriter(sql, 10_000);
  const registry = new TenantRouterRegistry({
    sql,
    prisma: database.prisma,
    loader: new TenantStateLoader(database.prisma, 300_000),
    now,
    reopenWindowMs,
    owner,
  });
  const timers = new SlaTimers(now, logger);
  registry.onDropped = (tenantId) => timers.dropTenant(tenantId);
  const sla = new SlaClockStep(timers, logger);
  const followUps = new FollowUpStep({ prisma: database.prisma, sql, wakeUps: timers, sla, now, logger });
  const routing = new TenantRoutingService({
    registry,
    sql,
    prisma: database.prisma,
    sla,
    followUps,
    commands: new AgentCommandHandler(database.prisma, now, sla, followUps),
    config: new ConfigChangeHandler(database.prisma),
    writer,
    outbox: new EventOutbox(bus, 'routing-events', logger),
    logger,
    now,
    reopenWindowMs,
    inLane: (tenantId, work) => lanes.run(tenantId, work),
  });
  timers.handleDueWith((tenantId, keys) => {
    const { conversationIds, followUpIds } = splitDueKeys(keys);
    void lanes
      .run(tenantId, async () => {
        if (conversationIds.length > 0) await routing.slaDue(tenantId, conversationIds);
        if (followUpIds.length > 0) await routing.followUpsDue(tenantId, followUpIds);
      })
      .catch(() => undefined);
  });
  return {
    registry,
    routing,
    published: bus.events,
    attempts: writer.attempts,
    run: (tenantId, items) => lanes.run(tenantId, () => routing.runChunk(tenantId, items, new Map())),
  };
}

export function inbound(tenantId: string, id: string): TenantItem {
  const at = new Date().toISOString();
  const record: InboundContactV1 = {
    schema: INBOUND_CONTACT_V1,
    tenantId,
    channel: 'chat',
    channelMessageId: id,
    from: { address: `${id}@customers.test` },
    body: id,
    sentAt: at,
    receivedAt: at,
  };
  return { kind: 'inbound', record };
}

export function command(tenantId: string, agentId: string, input: AgentCommandInput): TenantItem {
  const record = {
    schema: AGENT_COMMAND_V1,
    commandId: randomUUID(),
    tenantId,
    agentId,
    issuedAt: new Date().toISOString(),
    ...input,
  } as AgentCommandV1;
  return { kind: 'command', record };
}

/**
 * A transactor that, while `hold` is set, stops each transaction right after its fence statement until
 * `hold` resolves: a commit in flight, holding the tenant_owners row, for as long as the test wants.
 */
export function holdAfterFence(sql: SqlTransactor): { sql: SqlTransactor; hold?: Promise<void> } {
  const control: { sql: SqlTransactor; hold?: Promise<void> } = {
    sql: {
      query: (text, params) => sql.query(text, params),
      close: () => sql.close(),
      transaction: (work, options) =>
        sql.transaction(
          (tx) =>
            work({
              query: async <Row extends Record<string, unknown>>(
                text: string,
                params?: readonly unknown[],
              ) => {
                const rows = await tx.query<Row>(text, params);
                // The fence is the first statement of every commit transaction.
                if (control.hold && text.includes('UPDATE tenant_owners')) await control.hold;
                return rows;
              },
            }),
          options,
        ),
    },
  };
  return control;
}
