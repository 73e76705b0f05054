// A BusJournal held in plain maps, for unit tests of the in-process bus: survives "restarts" (new bus
// instances) within one test, counts calls, and can be told to fail.
import type { BusJournal, JournalEntry } from '../bus-journal.port';

export class MemoryBusJournal implements BusJournal {
  readonly logs = new Map<string, JournalEntry[]>();
  readonly stored = new Map<string, Map<string, number>>();
  readonly calls = { append: 0, commit: 0, read: 0, trim: 0 };
  /** Appends beyond this many fail (undefined: never). */
  failAppendsAfter?: number;
  /** Holds each append until released, to observe what publish waits for. */
  gate?: Promise<void>;

  nextOffsets(): Promise<Map<string, number>> {
    const next = new Map<string, number>();
    for (const [topic, log] of this.logs) if (log.length > 0) next.set(topic, log[log.length - 1].offset + 1);
    for (const positions of this.stored.values()) {
      for (const [topic, position] of positions) next.set(topic, Math.max(next.get(topic) ?? 0, position));
    }
    return Promise.resolve(next);
  }

  async append(topic: string, entries: readonly JournalEntry[]): Promise<void> {
    this.calls.append++;
    await this.gate;
    if (this.failAppendsAfter !== undefined && this.calls.append > this.failAppendsAfter) {
      throw new Error('journal unavailable');
    }
    const log = this.logs.get(topic) ?? [];
    for (const entry of entries) {
      if (log.some((stored) => stored.offset === entry.offset))
        throw new Error(`duplicate offset ${entry.offset}`);
      log.push({ ...entry, value: Buffer.from(entry.value) });
    }
    this.logs.set(topic, log);
  }

  read(topic: string, fromOffset: number, limit: number): Promise<JournalEntry[]> {
    this.calls.read++;
    const log = this.logs.get(topic) ?? [];
    return Promise.resolve(log.filter((entry) => entry.offset >= fromOffset).slice(0, limit));
  }

  positions(groupId: string): Promise<Map<string, number>> {
    return Promise.resolve(new Map(this.stored.get(groupId)));
  }

  commit(groupId: string, topic: string, position: number): Promise<void> {
    this.calls.commit++;
    const positions = this.stored.get(groupId) ?? new Map<string, number>();
    positions.set(topic, position);
    this.stored.set(groupId, positions);
    return Promise.resolve();
  }

  trim(topic: string, beforeOffset: number): Promise<number> {
    this.calls.trim++;
    const log = this.logs.get(topic) ?? [];
    const kept = log.filter((entry) => entry.offset >= beforeOffset);
    this.logs.set(topic, kept);
    return Promise.resolve(log.length - kept.length);
  }

  offsetsOf(topic: string): number[] {
    return (this.logs.get(topic) ?? []).map((entry) => entry.offset);
  }
}
