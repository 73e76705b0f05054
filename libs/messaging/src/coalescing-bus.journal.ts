// Group commit across topics for the in-process bus's journal. Each topic already stores its pending messages
// in one append, but the embedded engine's topics (inbound, commands, routing events, ...) and consumer groups
// each wrote their own statement, several per contact, on PGlite's single connection. Here every append and
// position commit waiting while a write runs goes out in the next write: one statement for all appends, one
// for all positions. An idle journal writes at once, so nothing waits for a timer.
import type { BatchedBusJournal, BusJournal, JournalEntry } from './bus-journal.port';

interface Settle {
  resolve(): void;
  reject(error: unknown): void;
}

interface PendingAppend extends Settle {
  topic: string;
  entries: readonly JournalEntry[];
}

interface PendingCommit {
  groupId: string;
  topic: string;
  position: number;
  waiters: Settle[];
}

export class CoalescingBusJournal implements BusJournal {
  private appends: PendingAppend[] = [];
  private commits = new Map<string, PendingCommit>();
  private flushing?: Promise<void>;

  constructor(private readonly inner: BatchedBusJournal) {}

  nextOffsets(): Promise<Map<string, number>> {
    return this.inner.nextOffsets();
  }

  read(topic: string, fromOffset: number, limit: number): Promise<JournalEntry[]> {
    return this.inner.read(topic, fromOffset, limit);
  }

  positions(groupId: string): Promise<Map<string, number>> {
    return this.inner.positions(groupId);
  }

  trim(topic: string, beforeOffset: number): Promise<number> {
    return this.inner.trim(topic, beforeOffset);
  }

  append(topic: string, entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.appends.push({ topic, entries, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Positions only move forward, so of several commits for one group and topic the highest is stored. */
  commit(groupId: string, topic: string, position: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const key = `${groupId}\u0000${topic}`;
      const pending = this.commits.get(key);
      if (pending) {
        pending.position = Math.max(pending.position, position);
        pending.waiters.push({ resolve, reject });
      } else {
        this.commits.set(key, { groupId, topic, position, waiters: [{ resolve, reject }] });
      }
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.appends.length > 0 || this.commits.size > 0) {
        const appends = this.appends.splice(0);
        const commits = [...this.commits.values()];
        this.commits.clear();
        // Appends first: a publisher waits on them, while a position write only saves redelivery after a crash.
        if (appends.length > 0)
          await settle(
            this.inner.appendMany(appends.map(({ topic, entries }) => ({ topic, entries }))),
            appends,
          );
        if (commits.length > 0)
          await settle(
            this.inner.commitMany(
              commits.map(({ groupId, topic, position }) => ({ groupId, topic, position })),
            ),
            commits.flatMap((c) => c.waiters),
          );
      }
    } finally {
      // Cleared in the same tick the loop saw nothing pending, so no write can slip in unflushed.
      this.flushing = undefined;
    }
  }
}

async function settle(write: Promise<void>, waiters: readonly Settle[]): Promise<void> {
  try {
    await write;
    for (const w of waiters) w.resolve();
  } catch (error) {
    // All or nothing, as one statement is: each topic log then re-reads the journal's end (TopicLog.resync).
    for (const w of waiters) w.reject(error);
  }
}
