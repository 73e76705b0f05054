// The bus port: the router and gateways speak to this, and either Kafka or the in-process bus sits behind it.

export interface OutgoingMessage {
  /** Partition key. Tenant-scoped topics use the tenant id, which pins a tenant to one partition. */
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export interface ConsumedBatch {
  topic: string;
  partition: number;
  messages: ConsumedMessage[];
  /** Keeps the consumer's group membership alive; long handlers call it between chunks of work. */
  heartbeat(): Promise<void>;
}

export interface TopicPartitions {
  topic: string;
  partitions: number[];
}

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  /** true: read everything retained; false: only what arrives after the group first joins. */
  fromBeginning: boolean;
  /**
   * Resolving commits the whole batch. Rejecting means an infrastructure failure: the batch is retried with
   * backoff and nothing is committed, so handlers must route bad input to the dead-letter topic instead of throwing.
   */
  handleBatch(batch: ConsumedBatch): Promise<void>;
  /** Called after a rebalance, before the new assignment's first batch. */
  onAssignment?(assignment: TopicPartitions[]): void;
}

export interface EnsureTopicsOptions {
  retentionMs?: number;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface Bus {
  /** Resolves only after the bus has durably accepted every message (Kafka: acks from all in-sync replicas). */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** The partition a key lands on in a topic of `partitions` partitions; routers use it to find their tenants. */
  partitionOf(key: string, partitions: number): number;
  /**
   * Creates missing topics (existing ones are left as they are) and returns each topic's actual partition count.
   * `retentionMs` sets how long a new topic keeps its records (Kafka), for ephemeral traffic such as typing.
   */
  ensureTopics(
    topics: readonly string[],
    partitions: number,
    options?: EnsureTopicsOptions,
  ): Promise<Map<string, number>>;
  /**
   * Records of `topic` that consumer group `groupId` has not committed yet, summed over partitions. Admission
   * control reads it to refuse new work (503) before a backlog grows without bound.
   */
  backlog(groupId: string, topic: string): Promise<number>;
  /** Resolves when the bus can accept messages right now; rejects with the reason otherwise. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Nest injection token for the bus. */
export const BUS = Symbol('BUS');
