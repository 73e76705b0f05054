// The Kafka adapter of the bus port, on kafkajs: idempotent producer with acks from all replicas,
// batch consumers that commit only after the handler succeeded, and one writer per tenant partition.
import {
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import type { Bus, OutgoingMessage, SubscribeOptions, Subscription } from './bus.port';
import { CoPartitionedAssigner } from './co-partitioned.assigner';
import type { BusMetrics } from './bus.metrics';

const DEFAULT_PARTITIONER = Partitioners.DefaultPartitioner();

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  metrics?: BusMetrics;
}

export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private producer?: Promise<Producer>;
  private admin?: Promise<Admin>;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaBusOptions) {
    const logger = options.logger.child({ component: 'kafkajs' });
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => logKafkaEntry(logger, entry),
      retry: { initialRetryTime: 200, retries: 10 },
    });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.send({ topic, acks: -1, messages: messages.map((m) => ({ ...m })) });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      partitionAssigners: [CoPartitionedAssigner],
      allowAutoTopicCreation: false,
      // A crashed router's partitions move after this long; shorter than kafkajs' 30 s default for faster
      // failover, long enough that a slow database batch does not cost the group membership.
      sessionTimeout: 15_000,
      heartbeatInterval: 3_000,
    });
    this.consumers.add(consumer);
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      const assignment = Object.entries(event.payload.memberAssignment).map(([topic, partitions]) => ({
        topic,
        partitions,
      }));
      this.options.logger.info({ groupId: options.groupId, assignment }, 'partitions assigned');
      options.onAssignment?.(assignment);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...options.topics], fromBeginning: options.fromBeginning });
    await consumer.run({
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(options, payload),
    });
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect();
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
    try {
      await (await this.connectedAdmin()).describeCluster();
    } catch (error) {
      this.admin = undefined;
      throw error;
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

  async ensureTopics(topics: readonly string[], partitions: number): Promise<Map<string, number>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((topic) => !existing.has(topic));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
        });
      }
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      return new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
    } finally {
      await admin.disconnect();
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    if (this.producer) await (await this.producer).disconnect();
    if (this.admin) await (await this.admin).disconnect().catch(() => undefined);
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      return producer;
    })();
    return this.producer;
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
