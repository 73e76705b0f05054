// The Kafka adapter of the bus port, on kafkajs: idempotent producer with acks from all replicas,
// batch consumers that commit only after the handler succeeded, and one writer per tenant partition.
// The producer reconnects and consumers restart on their own; ready() says which of them is down and why.
import {
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type LogEntry,
} from 'kafkajs';
import type { Logger } from 'pino';
import { produceBatches } from './produce-batches.util';
import type { Bus, EnsureTopicsOptions, OutgoingMessage, SubscribeOptions, Subscription } from './bus.port';
import { CoPartitionedAssigner } from './co-partitioned.assigner';
import type { BusMetrics } from './bus.metrics';
import { ConsumerSupervisor } from './kafka-consumer.supervisor';
import { ProducerLink } from './kafka-producer.link';
import { GroupJoins, pinAcrossRebalances } from './kafka-group-joins';
import { pinLiveTail } from './kafka-live-tail.pin';

const DEFAULT_PARTITIONER = Partitioners.DefaultPartitioner();

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  metrics?: BusMetrics;
}

const PARTITIONS_CONSUMED_CONCURRENTLY = 8;
/** About 12 s of backoff in all: metadata settles in well under a second on a healthy broker. */
const ENSURE_TOPICS_ATTEMPTS = 8;

export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private readonly producer: ProducerLink;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<ConsumerSupervisor>();

  constructor(private readonly options: KafkaBusOptions) {
    const logger = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => logKafkaEntry(logger, entry),
      retry: { initialRetryTime: 200, retries: 10 },
    });
    this.producer = new ProducerLink(this.kafka, options.logger);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    for (const batch of produceBatches(messages)) {
      await this.producer.send({ topic, acks: -1, messages: batch.map((m) => ({ ...m })) });
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const supervisor = new ConsumerSupervisor({
      groupId: options.groupId,
      logger: this.options.logger,
      create: () => this.createConsumer(options),
      run: async (consumer) => {
        const joins = new GroupJoins(consumer);
        await consumer.connect();
        await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning });
        // Resolves once the group is joined (kafkajs emits GROUP_JOIN before it returns).
        await consumer.run({
          eachBatchAutoResolve: false,
          // Batches of different partitions hold different tenants, whose lanes run side by side; one at a
          // time (kafkajs' default) would leave the database idle while one tenant's transaction commits.
          partitionsConsumedConcurrently: PARTITIONS_CONSUMED_CONCURRENTLY,
          eachBatch: (payload) => this.handleBatch(options, payload),
        });
        try {
          // Reading everything retained has no start gap: "earliest" never moves past a record published later.
          // A new group often rebalances once more right after its first join (its topics were just created).
          if (!options.fromBeginning) {
            const admin = await this.connectedAdmin();
            await pinAcrossRebalances(joins, (assignment) =>
              pinLiveTail(admin, consumer, options.groupId, assignment),
            );
          }
        } finally {
          joins.close();
        }
      },
    });
    // Listed before it starts, so ready() reports it not ready until subscribe() resolves.
    this.consumers.add(supervisor);
    try {
      await supervisor.start();
    } catch (error) {
      this.consumers.delete(supervisor);
      throw error;
    }
    return {
      close: async () => {
        this.consumers.delete(supervisor);
        await supervisor.close();
      },
    };
  }

  async backlog(groupId: string, topic: string): Promise<number> {
    const admin = await this.connectedAdmin();
    const [ends, committed] = await Promise.all([
      admin.fetchTopicOffsets(topic),
      admin.fetchOffsets({ groupId, topics: [topic] }),
    ]);
    const position = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)] as const),
    );
    let total = 0;
    for (const end of ends) {
      const at = position.get(end.partition) ?? -1;
      // -1: the group has committed nothing on this partition yet, so everything retained is backlog.
      total += Number(end.high) - (at < 0 ? Number(end.low) : at);
    }
    return total;
  }

  async ready(): Promise<void> {
    const down = [this.producer.down, ...[...this.consumers].map((c) => c.down)].filter(Boolean);
    if (down.length > 0) throw new Error(`Kafka bus is down: ${down.join('; ')}`);
    try {
      // The first check connects the producer; later ones return at once while it is up.
      await this.producer.connected();
      // Proves a broker answers now, even when nothing has been published for a while.
      await (await this.connectedAdmin()).describeCluster();
    } catch (error) {
      throw new Error(`Kafka bus is down: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  }

  partitionOf(key: string, partitions: number): number {
    // Ask the producer's own partitioner, so this can never disagree with where records actually land.
    const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    }));
    return DEFAULT_PARTITIONER({ topic: '', partitionMetadata, message: { key, value: null } });
  }

  async ensureTopics(
    topics: readonly string[],
    partitions: number,
    options: EnsureTopicsOptions = {},
  ): Promise<Map<string, number>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ensureTopicsOnce(topics, partitions, options);
      } catch (error) {
        // Just after a topic is created (here or by another process at the same moment) the broker's metadata
        // can lag its controller: UNKNOWN_TOPIC_OR_PARTITION, LEADER_NOT_AVAILABLE. They pass within a second.
        if (!isRetriable(error) || attempt >= ENSURE_TOPICS_ATTEMPTS) throw error;
        this.options.logger.warn({ err: error, attempt }, 'topic metadata not settled yet; asking again');
        await delay(Math.min(2_000, 100 * 2 ** attempt));
      }
    }
  }

  private async ensureTopicsOnce(
    topics: readonly string[],
    partitions: number,
    options: EnsureTopicsOptions,
  ): Promise<Map<string, number>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: partitions,
            replicationFactor: -1,
            ...(options.retentionMs
              ? { configEntries: [{ name: 'retention.ms', value: String(options.retentionMs) }] }
              : {}),
          })),
        });
      }
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.close()));
    this.consumers.clear();
    await this.producer.close();
    if (this.admin) await (await this.admin.catch(() => undefined))?.disconnect().catch(() => undefined);
  }

  private createConsumer(options: SubscribeOptions): Consumer {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      partitionAssigners: [CoPartitionedAssigner],
      allowAutoTopicCreation: false,
      // A crashed router's partitions move after this long; shorter than kafkajs' 30 s default for faster
      // failover, long enough that a slow database batch does not cost the group membership.
      sessionTimeout: 15_000,
      heartbeatInterval: 3_000,
    });
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = Object.entries(event.payload.memberAssignment).map(([topic, partitions]) => ({
        topic,
        partitions,
      }));
      this.options.logger.info({ groupId: options.groupId, assignment }, 'partitions assigned');
      options.onAssignment?.(assignment);
    });
    return consumer;
  }

  /** One admin for backlog and readiness; a failed one is dropped so the next call connects afresh. */
  private connectedAdmin(): Promise<Admin> {
    if (this.admin) return this.admin;
    const admin = this.kafka.admin({ retry: { initialRetryTime: 200, retries: 2 } });
    const connecting = admin.connect().then(() => admin);
    this.admin = connecting;
    void connecting.catch(() => {
      if (this.admin === connecting) this.admin = undefined;
    });
    return connecting;
  }

  private async handleBatch(options: SubscribeOptions, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.isEmpty() || payload.isStale() || !payload.isRunning()) return;
    this.options.metrics?.consumerLag.set(
      { group: options.groupId, topic: batch.topic, partition: String(batch.partition) },
      Number(batch.offsetLag()),
    );
    await options.handleBatch({
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.map((m) => ({
        topic: batch.topic,
        partition: batch.partition,
        offset: m.offset,
        key: m.key ? m.key.toString('utf8') : null,
        value: m.value ?? Buffer.alloc(0),
        headers: decodeHeaders(m.headers),
      })),
      heartbeat: () => payload.heartbeat(),
    });
    // Only after the handler has persisted and emitted everything do we let Kafka forget these records.
    payload.resolveOffset(batch.lastOffset());
    await payload.commitOffsetsIfNecessary();
    await payload.heartbeat();
  }
}

/**
 * A transient broker answer (kafkajs marks protocol errors retriable, and wraps them as the cause once its own
 * retries ran out). An unreachable broker is not one: that fails as fast as before.
 */
function isRetriable(error: unknown): boolean {
  const { name, retriable, cause } = (error ?? {}) as {
    name?: unknown;
    retriable?: unknown;
    cause?: unknown;
  };
  if (name === 'KafkaJSProtocolError') return retriable === true;
  return cause !== undefined && cause !== error && isRetriable(cause);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function decodeHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (Buffer.isBuffer(value)) result[name] = value.toString('utf8');
    else if (typeof value === 'string') result[name] = value;
  }
  return result;
}

function logKafkaEntry(logger: Logger, entry: LogEntry): void {
  const { message, ...extra } = entry.log;
  const fields = { namespace: entry.namespace, ...extra };
  switch (entry.level) {
    case logLevel.ERROR:
      logger.error(fields, message);
      return;
    case logLevel.WARN:
      logger.warn(fields, message);
      return;
    case logLevel.INFO:
      logger.info(fields, message);
      return;
    case logLevel.DEBUG:
    case logLevel.NOTHING:
      logger.debug(fields, message);
      return;
  }
}
