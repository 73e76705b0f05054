// The router's Kafka consumer: decodes each batch, dead-letters what is invalid (with the reason), and hands
// each tenant's valid records to its lane. Offsets are committed only after every lane has finished.
import {
  AgentCommandV1Schema,
  CONFIG_CHANGED_V1,
  ConfigChangedV1Schema,
  CSAT_ANSWER_V1,
  CUSTOMER_LEFT_V1,
  CustomerLeftV1Schema,
  CsatAnswerV1Schema,
  DELIVERY_STATUS_V1,
  DeliveryStatusV1Schema,
  ErrorCode,
  InboundContactV1Schema,
  inboxRefusal,
  PRESENCE_V1,
  PresenceV1Schema,
  routerInputTopics,
  type InboundContactV1,
  type TopicNames,
} from '@switchboard/contracts';
import {
  deadLetterMessage,
  type Bus,
  type BusMetrics,
  type ConsumedBatch,
  type ConsumedMessage,
  type OutgoingMessage,
  type Rejection,
  type Subscription,
  type TopicPartitions,
} from '@switchboard/messaging';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { TenantDirectory } from './tenant.directory';
import { decodeRecord, type Decoded } from './record-decoder';
import type { TenantLanes } from './tenant-lane';
import type { TenantBatchRunner, RunnerItem } from './tenant-batch.runner';
import type { TenantItem } from '../tenant-routing.service';

export interface RouterConsumerDeps {
  bus: Bus;
  topics: TopicNames;
  groupId: string;
  partitions: number;
  lanes: TenantLanes;
  runner: TenantBatchRunner;
  directory: TenantDirectory;
  logger: Logger;
  metrics?: BusMetrics;
  onRebalance: (owned: TopicPartitions[]) => void;
  /** The inbound contract under the deployment's URL policy; https-only by default. */
  inboundSchema?: z.ZodType<InboundContactV1>;
}

type Valid = TenantItem;

export class RouterConsumer {
  private subscription?: Subscription;
  /** The router input topics' real partition count, which tenant-to-partition mapping must use. */
  partitionCount = 1;

  constructor(private readonly deps: RouterConsumerDeps) {}

  async start(): Promise<void> {
    const { topics } = this.deps;
    const counts = await this.deps.bus.ensureTopics(
      [...routerInputTopics(topics), topics.routingEvents, topics.deadLetter, topics.outbound],
      this.deps.partitions,
    );
    const inbound = counts.get(topics.inbound) ?? 1;
    const commands = counts.get(topics.agentCommands) ?? 1;
    if (inbound !== commands) {
      // Co-partitioning needs equal counts, or one tenant's inbound and commands would reach different routers.
      throw new Error(
        `${topics.inbound} has ${inbound} partitions but ${topics.agentCommands} has ${commands}; they must be equal`,
      );
    }
    this.partitionCount = inbound;
    this.subscription = await this.deps.bus.subscribe({
      groupId: this.deps.groupId,
      topics: routerInputTopics(topics),
      fromBeginning: true,
      handleBatch: (batch) => this.handleBatch(batch),
      onAssignment: (owned) => this.deps.onRebalance(owned),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    await this.deps.lanes.idle();
  }

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    const byTenant = new Map<string, RunnerItem[]>();
    const rejects: OutgoingMessage[] = [];
    for (const message of batch.messages) {
      const outcome = await this.classify(message);
      if ('rejection' in outcome) {
        rejects.push(this.reject(message, outcome.rejection));
        continue;
      }
      const tenantId = outcome.record.tenantId;
      const items = byTenant.get(tenantId) ?? [];
      items.push({ item: outcome, message });
      byTenant.set(tenantId, items);
    }
    // Dead letters first: once they are durable, skipping their offsets loses nothing.
    await this.deps.bus.publish(this.deps.topics.deadLetter, rejects);
    await Promise.all(
      [...byTenant].map(([tenantId, items]) =>
        this.deps.lanes.run(tenantId, () => this.process(tenantId, items, () => batch.heartbeat())),
      ),
    );
  }

  private async classify(message: ConsumedMessage): Promise<Valid | { rejection: Rejection }> {
    const decoded = this.decode(message);
    if (!decoded.ok) return { rejection: decoded.rejection };
    const record = decoded.record.record;
    if (message.key !== record.tenantId) {
      // A record on another tenant's partition would be routed by a router that does not own that tenant.
      return {
        rejection: {
          code: ErrorCode.ValidationFailed,
          reason: `Record key must equal tenantId (${record.tenantId}); got ${message.key ?? 'no key'}`,
          issues: [{ path: 'key', message: 'must equal tenantId' }],
        },
      };
    }
    if (!(await this.deps.directory.exists(record.tenantId))) {
      return { rejection: { code: ErrorCode.UnknownTenant, reason: `Unknown tenant ${record.tenantId}` } };
    }
    return decoded.record;
  }

  private decode(message: ConsumedMessage): Decoded<Valid> {
    if (message.topic !== this.deps.topics.agentCommands) {
      return mapDecoded(
        decodeRecord(this.deps.inboundSchema ?? InboundContactV1Schema, message.value),
        (record) => ({
          kind: 'inbound',
          record,
        }),
      );
    }
    // The command topic carries agents' commands, admins' configuration changes and connectors' delivery
    // reports; the schema field tells which.
    if (message.value.includes(CONFIG_CHANGED_V1)) {
      const config = decodeRecord(ConfigChangedV1Schema, message.value);
      if (config.ok) return { ok: true, record: { kind: 'config', record: config.record } };
    }
    if (message.value.includes(CSAT_ANSWER_V1)) {
      // A CSAT comment may quote the schema name too; anything that fails here is tried as the others.
      const csat = decodeRecord(CsatAnswerV1Schema, message.value);
      if (csat.ok) return { ok: true, record: { kind: 'csat', record: csat.record } };
    }
    if (message.value.includes(CUSTOMER_LEFT_V1)) {
      const left = decodeRecord(CustomerLeftV1Schema, message.value);
      if (left.ok) return { ok: true, record: { kind: 'left', record: left.record } };
    }
    if (message.value.includes(PRESENCE_V1)) {
      const presence = decodeRecord(PresenceV1Schema, message.value);
      if (presence.ok) return { ok: true, record: { kind: 'presence', record: presence.record } };
    }
    if (message.value.includes(DELIVERY_STATUS_V1)) {
      const delivery = decodeRecord(DeliveryStatusV1Schema, message.value);
      if (delivery.ok) return { ok: true, record: { kind: 'delivery', record: delivery.record } };
      // A reply's body may quote the schema name; only a record that claims it is reported as one.
      if (parsesAsDeliveryReport(message.value)) return delivery;
    }
    return mapDecoded(decodeRecord(AgentCommandV1Schema, message.value), (record) => ({
      kind: 'command',
      record,
    }));
  }

  private reject(message: ConsumedMessage, rejection: Rejection): OutgoingMessage {
    this.deps.metrics?.deadLettered.inc({ topic: message.topic, code: rejection.code });
    this.deps.logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, code: rejection.code },
      `dead-lettered: ${rejection.reason}`,
    );
    return deadLetterMessage(message, rejection, new Date());
  }

  private async process(
    tenantId: string,
    items: RunnerItem[],
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    // A queue changed by an admin may have been renamed or deleted: read the names again rather than route by
    // a stale id (the conversation's insert would then be refused by its foreign key).
    if (items.some(({ item }) => item.kind === 'config' && item.record.entity === 'queue')) {
      this.deps.directory.forgetQueues(tenantId);
    }
    const unknown: OutgoingMessage[] = [];
    const withInboxes = await this.applyInboxes(tenantId, items, unknown);
    const named = withInboxes.flatMap(({ item }) =>
      item.kind === 'inbound' && item.record.queue ? [item.record.queue] : [],
    );
    const queueIds = await this.deps.directory.queueIds(tenantId, named);
    const known: RunnerItem[] = [];
    for (const entry of withInboxes) {
      const { item } = entry;
      if (item.kind === 'inbound' && item.record.queue && !queueIds.has(item.record.queue)) {
        unknown.push(this.reject(entry.message, unknownQueue(item.record)));
      } else known.push(entry);
    }
    await this.deps.bus.publish(this.deps.topics.deadLetter, unknown);
    await this.deps.runner.run(tenantId, known, queueIds, heartbeat);
  }

  /**
   * Checks every record's inbox (the tenant's, active, on its channel), dead-lettering the ones that fail as
   * the gateway would refuse them, and gives a record naming no queue its inbox's default queue.
   */
  private async applyInboxes(
    tenantId: string,
    items: RunnerItem[],
    rejects: OutgoingMessage[],
  ): Promise<RunnerItem[]> {
    const ids = items.flatMap(({ item }) =>
      item.kind === 'inbound' && item.record.inboxId ? [item.record.inboxId] : [],
    );
    if (ids.length === 0) return items;
    const inboxes = await this.deps.directory.inboxes(tenantId, ids);
    const kept: RunnerItem[] = [];
    for (const entry of items) {
      const { item } = entry;
      if (item.kind !== 'inbound' || item.record.inboxId === undefined) {
        kept.push(entry);
        continue;
      }
      const { record } = item;
      const inbox = inboxes.get(item.record.inboxId);
      const refusal = inboxRefusal({ channel: record.channel, inboxId: item.record.inboxId }, inbox);
      if (refusal) {
        rejects.push(
          this.reject(entry.message, { code: refusal.code, reason: refusal.message, issues: refusal.issues }),
        );
        continue;
      }
      const queue = record.queue ?? inbox?.defaultQueue ?? undefined;
      kept.push(
        queue === record.queue
          ? entry
          : { ...entry, item: { kind: 'inbound', record: { ...record, queue } } },
      );
    }
    return kept;
  }

  /** Dead-letters one record the database refused, so it cannot stall its partition. */
  async deadLetter(message: ConsumedMessage, rejection: Rejection): Promise<void> {
    await this.deps.bus.publish(this.deps.topics.deadLetter, [this.reject(message, rejection)]);
  }
}

function parsesAsDeliveryReport(value: Buffer): boolean {
  try {
    return (JSON.parse(value.toString('utf8')) as { schema?: unknown }).schema === DELIVERY_STATUS_V1;
  } catch {
    return false;
  }
}

function mapDecoded<T>(decoded: Decoded<T>, wrap: (record: T) => Valid): Decoded<Valid> {
  return decoded.ok ? { ok: true, record: wrap(decoded.record) } : decoded;
}

function unknownQueue(record: InboundContactV1): Rejection {
  return {
    code: ErrorCode.NotFound,
    reason: `Queue ${record.queue} does not exist for tenant ${record.tenantId}`,
    issues: [{ path: 'queue', message: 'no such queue' }],
  };
}
