// One topic of the in-process bus: the offset counter, the in-memory tail that readers consume from, and,
// when a journal is attached, the group commit that makes a publish durable before it resolves.
import type { BusJournal, JournalEntry } from './bus-journal.port';
import type { ConsumedMessage, OutgoingMessage } from './bus.port';

interface PendingWrite {
  messages: readonly OutgoingMessage[];
  resolve(): void;
  reject(error: unknown): void;
}

export interface TopicLogOptions {
  topic: string;
  /** Offset of the first message this log will hold. */
  next: number;
  journal?: BusJournal;
  /** Whether some consumer group reads this topic in this process right now. */
  hasReaders(): boolean;
  /** Without a journal, how many messages a topic nobody reads keeps (the newest ones). */
  retention: number;
  /** Called after messages became readable. */
  onAppended(): void;
}

export class TopicLog {
  /** Offset the next stored message gets; everything below it is stored (journal) or held (memory). */
  next: number;
  /** Offset of `memory[0]`. Readers behind it read from the journal. */
  base: number;
  /** The tail [base, next) kept for readers; with a journal, only while someone reads the topic. */
  private memory: ConsumedMessage[] = [];
  private pending: PendingWrite[] = [];
  private pendingCount = 0;
  private flushing?: Promise<void>;
  /** A failed append may still have committed, so the next one re-reads the journal's end first. */
  private resync = false;

  constructor(private readonly options: TopicLogOptions) {
    this.next = options.next;
    this.base = options.next;
  }

  get topic(): string {
    return this.options.topic;
  }

  /** Messages accepted by `write` that are not stored yet. */
  get queued(): number {
    return this.pendingCount;
  }

  /** Stores the messages; resolves once they are durable (journal) or held (memory only). */
  write(messages: readonly OutgoingMessage[]): Promise<void> {
    const journal = this.options.journal;
    if (!journal) {
      const held = this.toConsumed(messages, this.next);
      this.next += messages.length;
      this.hold(held);
      this.options.onAppended();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ messages, resolve, reject });
      this.pendingCount += messages.length;
      this.flushing ??= this.flush(journal);
    });
  }

  /** Up to `max` messages from `offset` if memory holds them; undefined when the reader must use the journal. */
  slice(offset: number, max: number): ConsumedMessage[] | undefined {
    if (offset < this.base) return undefined;
    const start = offset - this.base;
    return this.memory.slice(start, start + max);
  }

  /** Forgets held messages below `offset` (every reader is past them). */
  release(offset: number): void {
    const count = Math.min(offset, this.next) - this.base;
    if (count <= 0) return;
    this.memory.splice(0, count);
    this.base += count;
  }

  /** With a journal, memory is only a cache: once nobody reads, keep nothing. */
  dropMemoryIfUnread(): void {
    if (this.options.journal && !this.options.hasReaders()) this.dropMemory();
  }

  /** Resolves when every accepted write has been stored or has failed. */
  async settled(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  toConsumed(messages: readonly (OutgoingMessage | JournalEntry)[], first: number): ConsumedMessage[] {
    return messages.map((message, index) => ({
      topic: this.topic,
      partition: 0,
      offset: String('offset' in message ? message.offset : first + index),
      key: message.key,
      value: Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value, 'utf8'),
      headers: { ...message.headers },
    }));
  }

  /** Group commit: everything queued while one append ran goes out in the next single append. */
  private async flush(journal: BusJournal): Promise<void> {
    try {
      while (this.pending.length > 0) await this.appendBatch(journal, this.pending.splice(0));
    } finally {
      // Cleared in the same tick the loop saw an empty queue, so no write can slip in unflushed.
      this.flushing = undefined;
    }
  }

  private async appendBatch(journal: BusJournal, writes: PendingWrite[]): Promise<void> {
    const count = writes.reduce((sum, write) => sum + write.messages.length, 0);
    try {
      if (this.resync) await this.resyncWith(journal);
      const first = this.next;
      const entries = this.toConsumed(
        writes.flatMap((write) => write.messages),
        first,
      );
      await journal.append(this.topic, entries.map(toEntry));
      this.next = first + count;
      if (this.options.hasReaders()) this.hold(entries);
      else this.dropMemory();
      this.pendingCount -= count;
      for (const write of writes) write.resolve();
      this.options.onAppended();
    } catch (error: unknown) {
      this.resync = true;
      this.pendingCount -= count;
      for (const write of writes) write.reject(error);
    }
  }

  private async resyncWith(journal: BusJournal): Promise<void> {
    const stored = (await journal.nextOffsets()).get(this.topic) ?? this.next;
    if (stored > this.next) {
      // Rows we were told had failed are in fact stored: readers find them in the journal.
      this.next = stored;
      this.dropMemory();
    }
    this.resync = false;
  }

  /** Appends messages that `next` already counts; a gap (after a resync) restarts the tail at them. */
  private hold(messages: ConsumedMessage[]): void {
    if (messages.length === 0) return;
    const first = Number(messages[0].offset);
    if (this.base + this.memory.length !== first) {
      this.memory = [];
      this.base = first;
    }
    for (const message of messages) this.memory.push(message);
    if (!this.options.journal && !this.options.hasReaders() && this.memory.length > this.options.retention) {
      // Nobody reads this topic here (dead letters, outbound): keep a bounded window, like Kafka retention.
      this.release(this.base + this.memory.length - this.options.retention);
    }
  }

  private dropMemory(): void {
    this.memory = [];
    this.base = this.next;
  }
}

function toEntry(message: ConsumedMessage): JournalEntry {
  return { offset: Number(message.offset), key: message.key, value: message.value, headers: message.headers };
}
