// The embedded bus: Kafka's contract (ordered log, consumer groups, commit after success) inside one process.
// It is not durable across restarts; the embedded default trades that for running with no servers (ADR 0003).
import type { Logger } from 'pino';
import type { Bus, ConsumedMessage, OutgoingMessage, SubscribeOptions, Subscription } from './bus.port';
import { backoffDelay, sleep } from './retry.util';

const MAX_BATCH = 500;

interface Group {
  options: SubscribeOptions;
  /** Next offset to deliver, per topic. */
  positions: Map<string, number>;
  pumping: boolean;
  closed: boolean;
  idle: Promise<void>;
}

export class InProcessBus implements Bus {
  private readonly logs = new Map<string, ConsumedMessage[]>();
  /** Offset of each log's first retained message; messages every group has consumed are released. */
  private readonly bases = new Map<string, number>();
  private readonly groups = new Map<string, Group>();

  constructor(private readonly logger: Logger) {}

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    const log = this.logOf(topic);
    const base = this.bases.get(topic) ?? 0;
    for (const message of messages) {
      log.push({
        topic,
        partition: 0,
        offset: String(base + log.length),
        key: message.key,
        value: Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value, 'utf8'),
        headers: { ...message.headers },
      });
    }
    for (const group of this.groups.values()) if (group.options.topics.includes(topic)) this.pump(group);
    return Promise.resolve();
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.groups.has(options.groupId)) {
      return Promise.reject(new Error(`In-process bus: group ${options.groupId} already has a member`));
    }
    const positions = new Map<string, number>();
    for (const topic of options.topics) {
      const end = (this.bases.get(topic) ?? 0) + this.logOf(topic).length;
      positions.set(topic, options.fromBeginning ? (this.bases.get(topic) ?? 0) : end);
    }
    const group: Group = { options, positions, pumping: false, closed: false, idle: Promise.resolve() };
    this.groups.set(options.groupId, group);
    options.onAssignment?.(options.topics.map((topic) => ({ topic, partitions: [0] })));
    this.pump(group);
    return Promise.resolve({
      close: async () => {
        group.closed = true;
        await group.idle;
        this.groups.delete(options.groupId);
      },
    });
  }

  backlog(groupId: string, topic: string): Promise<number> {
    const group = this.groups.get(groupId);
    const end = (this.bases.get(topic) ?? 0) + this.logOf(topic).length;
    return Promise.resolve(end - (group?.positions.get(topic) ?? end));
  }

  ready(): Promise<void> {
    return Promise.resolve();
  }

  partitionOf(): number {
    return 0;
  }

  ensureTopics(topics: readonly string[]): Promise<Map<string, number>> {
    for (const topic of topics) this.logOf(topic);
    return Promise.resolve(new Map(topics.map((topic) => [topic, 1])));
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) group.closed = true;
    await Promise.all([...this.groups.values()].map((group) => group.idle));
    this.groups.clear();
  }

  /** Messages published but not yet consumed by a group; used by health checks and tests. */
  lag(groupId: string): number {
    const group = this.groups.get(groupId);
    if (!group) return 0;
    let lag = 0;
    for (const [topic, position] of group.positions) {
      lag += (this.bases.get(topic) ?? 0) + this.logOf(topic).length - position;
    }
    return lag;
  }

  private logOf(topic: string): ConsumedMessage[] {
    let log = this.logs.get(topic);
    if (!log) {
      log = [];
      this.logs.set(topic, log);
      this.bases.set(topic, 0);
    }
    return log;
  }

  private pump(group: Group): void {
    if (group.pumping || group.closed) return;
    group.pumping = true;
    group.idle = this.drain(group).finally(() => {
      group.pumping = false;
    });
  }

  private async drain(group: Group): Promise<void> {
    // Yield first so publishers finish their own work before consumers run, as with a real broker.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let delivered = true;
    while (delivered && !group.closed) {
      delivered = false;
      for (const topic of group.options.topics) {
        const batch = this.nextBatch(group, topic);
        if (batch.length === 0) continue;
        delivered = true;
        await this.deliver(group, topic, batch);
      }
    }
  }

  private nextBatch(group: Group, topic: string): ConsumedMessage[] {
    const base = this.bases.get(topic) ?? 0;
    const start = (group.positions.get(topic) ?? base) - base;
    return this.logOf(topic).slice(start, start + MAX_BATCH);
  }

  private async deliver(group: Group, topic: string, batch: ConsumedMessage[]): Promise<void> {
    for (let attempt = 0; !group.closed; attempt++) {
      try {
        await group.options.handleBatch({ topic, partition: 0, messages: batch, heartbeat: noHeartbeat });
        group.positions.set(topic, Number(batch[batch.length - 1].offset) + 1);
        this.release(topic);
        return;
      } catch (error) {
        // Never skip: a failed batch is retried until it succeeds or the bus closes, as Kafka would.
        this.logger.error(
          { err: error, topic, groupId: group.options.groupId, attempt },
          'batch failed; retrying',
        );
        await sleep(backoffDelay(attempt));
      }
    }
  }

  private release(topic: string): void {
    const readers = [...this.groups.values()].filter((g) => g.options.topics.includes(topic));
    if (readers.length === 0) return;
    const consumedByAll = Math.min(...readers.map((g) => g.positions.get(topic) ?? 0));
    const base = this.bases.get(topic) ?? 0;
    if (consumedByAll - base < MAX_BATCH) return;
    this.logOf(topic).splice(0, consumedByAll - base);
    this.bases.set(topic, consumedByAll);
  }
}

/** One process has no group membership to keep alive. */
function noHeartbeat(): Promise<void> {
  return Promise.resolve();
}
