// The embedded bus: Kafka's contract (ordered log, consumer groups, commit after success) inside one process.
// With a journal attached (the embedded default) every publish is stored before it resolves and consumer
// positions are committed after each batch, so a restart redelivers what was not consumed (ADR 0006).
// Without one it is memory only. Either way it refuses work beyond a bounded backlog.
import type { Logger } from 'pino';
import type { BusJournal } from './bus-journal.port';
import { BusJournalTrimmer } from './bus-journal.trimmer';
import { BusOverloadedError } from './bus.errors';
import type {
  Bus,
  ConsumedMessage,
  EnsureTopicsOptions,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
} from './bus.port';
import { TopicLog } from './in-process-topic.log';
import { backoffDelay, sleep } from './retry.util';

const MAX_BATCH = 500;
const OVERLOAD_RETRY_AFTER_MS = 1_000;

export interface InProcessBusOptions {
  journal?: BusJournal;
  /** Most unconsumed messages a topic may hold for the groups reading it; publish refuses beyond it. */
  maxBacklog?: number;
  /**
   * Newest messages kept of a topic nobody reads in this process (dead letters, outbound): in the journal
   * when there is one, otherwise in memory.
   */
  unreadRetention?: number;
  /**
   * Topics kept in memory only, never journaled, because their records are stored elsewhere and replayed from
   * there after a restart (the routing events: the event log in the database, ADR 0030).
   */
  memoryOnlyTopics?: readonly string[];
}

interface Group {
  options: SubscribeOptions;
  /** Next offset to deliver, per topic. */
  positions: Map<string, number>;
  /** Positions the journal has stored; only these may be trimmed below. */
  committed: Map<string, number>;
  pumping: boolean;
  /** Set by every publish, so a drain that is between topics looks again instead of missing it. */
  wake: boolean;
  closed: boolean;
  idle: Promise<void>;
}

export class InProcessBus implements Bus {
  private readonly topics = new Map<string, TopicLog>();
  /**
   * Memory only, never journaled: topics ensured with a retention (typing, queue stats), which nobody replays,
   * and `memoryOnlyTopics`, which are replayed from their own store.
   */
  private readonly ephemeral: Set<string>;
  private readonly groups = new Map<string, Group>();
  private readonly journal?: BusJournal;
  private readonly trimmer?: BusJournalTrimmer;
  private readonly maxBacklog: number;
  private readonly unreadRetention: number;
  private loaded?: Promise<Map<string, number>>;

  constructor(
    private readonly logger: Logger,
    options: InProcessBusOptions = {},
  ) {
    this.journal = options.journal;
    this.trimmer = options.journal && new BusJournalTrimmer(options.journal, logger);
    this.maxBacklog = options.maxBacklog ?? 100_000;
    this.unreadRetention = options.unreadRetention ?? 100_000;
    this.ephemeral = new Set(options.memoryOnlyTopics ?? []);
  }

  /** Loads where each topic's offsets continue; publish and subscribe call it, so calling it is optional. */
  async start(): Promise<void> {
    this.loaded ??= this.journal ? this.journal.nextOffsets() : Promise.resolve(new Map<string, number>());
    try {
      await this.loaded;
    } catch (error) {
      this.loaded = undefined;
      throw error;
    }
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.start();
    const log = await this.logOf(topic);
    const readers = this.readersOf(topic);
    if (readers.length > 0) {
      const backlog = log.next + log.queued - Math.min(...readers.map((g) => g.positions.get(topic)!));
      if (backlog + messages.length > this.maxBacklog) {
        throw new BusOverloadedError(topic, backlog, OVERLOAD_RETRY_AFTER_MS);
      }
    }
    await log.write(messages);
    if (readers.length === 0 && !this.ephemeral.has(topic))
      this.trimmer?.appendedUnread(topic, log.next, this.unreadRetention);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    await this.start();
    if (this.groups.has(options.groupId)) {
      throw new Error(`In-process bus: group ${options.groupId} already has a member`);
    }
    const stored = (await this.journal?.positions(options.groupId)) ?? new Map<string, number>();
    const positions = new Map<string, number>();
    for (const topic of options.topics) {
      const log = await this.logOf(topic);
      positions.set(topic, stored.get(topic) ?? (await this.startingPosition(log, options.fromBeginning)));
    }
    if (this.groups.has(options.groupId)) {
      throw new Error(`In-process bus: group ${options.groupId} already has a member`);
    }
    const group: Group = {
      options,
      positions,
      committed: new Map(stored),
      pumping: false,
      wake: false,
      closed: false,
      idle: Promise.resolve(),
    };
    this.groups.set(options.groupId, group);
    options.onAssignment?.(options.topics.map((topic) => ({ topic, partitions: [0] })));
    this.pump(group);
    return {
      close: async () => {
        group.closed = true;
        await group.idle;
        this.groups.delete(options.groupId);
        for (const topic of options.topics) this.topics.get(topic)?.dropMemoryIfUnread();
      },
    };
  }

  async backlog(groupId: string, topic: string): Promise<number> {
    await this.start();
    const log = await this.logOf(topic);
    const group = this.groups.get(groupId);
    return log.next - (group?.positions.get(topic) ?? log.next);
  }

  ready(): Promise<void> {
    return this.start();
  }

  partitionOf(): number {
    return 0;
  }

  async ensureTopics(
    topics: readonly string[],
    _partitions?: number,
    options?: EnsureTopicsOptions,
  ): Promise<Map<string, number>> {
    await this.start();
    // Must come before the topic's first use: a topic already opened keeps how it stores.
    if (options?.retentionMs !== undefined) for (const topic of topics) this.ephemeral.add(topic);
    for (const topic of topics) await this.logOf(topic);
    return new Map(topics.map((topic) => [topic, 1]));
  }

  async close(): Promise<void> {
    for (const group of this.groups.values()) group.closed = true;
    await Promise.all([...this.groups.values()].map((group) => group.idle));
    this.groups.clear();
    // Writes already accepted finish, so no caller waits on a promise that never settles.
    await Promise.all([...this.topics.values()].map((log) => log.settled()));
    await this.trimmer?.idle();
  }

  /** Messages published but not yet consumed by a group; used by health checks and tests. */
  lag(groupId: string): number {
    const group = this.groups.get(groupId);
    if (!group) return 0;
    let lag = 0;
    for (const [topic, position] of group.positions)
      lag += (this.topics.get(topic)?.next ?? position) - position;
    return lag;
  }

  private async logOf(topic: string): Promise<TopicLog> {
    let log = this.topics.get(topic);
    if (!log) {
      const next = (await this.loaded)?.get(topic) ?? 0;
      // Another caller may have created it while we waited.
      log = this.topics.get(topic);
      if (log) return log;
      log = new TopicLog({
        topic,
        next,
        journal: this.journalOf(topic),
        retention: this.unreadRetention,
        hasReaders: () => this.readersOf(topic).length > 0,
        onAppended: () => {
          for (const group of this.readersOf(topic)) this.pump(group);
        },
      });
      this.topics.set(topic, log);
    }
    return log;
  }

  private async startingPosition(log: TopicLog, fromBeginning: boolean): Promise<number> {
    if (!fromBeginning) return log.next;
    const journal = this.journalOf(log.topic);
    if (!journal) return log.base;
    const [first] = await journal.read(log.topic, 0, 1);
    return first?.offset ?? log.next;
  }

  private journalOf(topic: string): BusJournal | undefined {
    return this.ephemeral.has(topic) ? undefined : this.journal;
  }

  private readersOf(topic: string): Group[] {
    return [...this.groups.values()].filter((g) => g.options.topics.includes(topic));
  }

  private pump(group: Group): void {
    group.wake = true;
    if (group.pumping || group.closed) return;
    group.pumping = true;
    group.idle = this.drain(group).finally(() => {
      group.pumping = false;
    });
  }

  private async drain(group: Group): Promise<void> {
    // Yield first so publishers finish their own work before consumers run, as with a real broker.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (let failures = 0; group.wake && !group.closed;) {
      group.wake = false;
      try {
        for (const topic of group.options.topics) {
          const batch = await this.nextBatch(group, topic);
          if (batch.length === 0 || group.closed) continue;
          group.wake = true;
          await this.deliver(group, topic, batch);
        }
        failures = 0;
      } catch (error) {
        // Only reading the journal can fail here; try again rather than leave the group stalled.
        this.logger.error({ err: error, groupId: group.options.groupId }, 'journal read failed; retrying');
        group.wake = true;
        await sleep(backoffDelay(failures++));
      }
    }
  }

  private async nextBatch(group: Group, topic: string): Promise<ConsumedMessage[]> {
    const log = await this.logOf(topic);
    const position = group.positions.get(topic)!;
    const held = log.slice(position, MAX_BATCH);
    if (held || !this.journalOf(topic)) return held ?? [];
    // Behind the in-memory tail (after a restart, or a late reader): page through the journal.
    const entries = await this.journal!.read(topic, position, Math.min(MAX_BATCH, log.base - position));
    if (entries.length > 0) return log.toConsumed(entries, position);
    // Nothing is stored between here and the tail (offsets skipped by a failed append): continue from it.
    group.positions.set(topic, log.base);
    return log.slice(log.base, MAX_BATCH) ?? [];
  }

  private async deliver(group: Group, topic: string, batch: ConsumedMessage[]): Promise<void> {
    for (let attempt = 0; !group.closed; attempt++) {
      try {
        await group.options.handleBatch({ topic, partition: 0, messages: batch, heartbeat: noHeartbeat });
        const position = Number(batch[batch.length - 1].offset) + 1;
        group.positions.set(topic, position);
        await this.commit(group, topic, position);
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

  private async commit(group: Group, topic: string, position: number): Promise<void> {
    if (!this.journalOf(topic)) return;
    try {
      await this.journal!.commit(group.options.groupId, topic, position);
      group.committed.set(topic, position);
    } catch (error) {
      // The batch is handled; the next batch's commit covers this one. A crash before then redelivers it.
      this.logger.warn({ err: error, topic, groupId: group.options.groupId }, 'position commit failed');
    }
  }

  private release(topic: string): void {
    const readers = this.readersOf(topic);
    const log = this.topics.get(topic);
    if (readers.length === 0 || !log) return;
    const consumedByAll = Math.min(...readers.map((g) => g.positions.get(topic)!));
    if (consumedByAll - log.base >= MAX_BATCH || consumedByAll === log.next) log.release(consumedByAll);
    if (!this.ephemeral.has(topic))
      this.trimmer?.consumed(topic, Math.min(...readers.map((g) => g.committed.get(topic) ?? 0)));
  }
}

/** One process has no group membership to keep alive. */
function noHeartbeat(): Promise<void> {
  return Promise.resolve();
}
