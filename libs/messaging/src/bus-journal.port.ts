// The journal port: where the in-process bus keeps its log and consumer positions, so a message it accepted
// survives a crash of the process. The embedded default stores it in the same PGlite database (ADR 0006).

/** One stored message of a topic's log. Offsets are per topic, consecutive, and never reused. */
export interface JournalEntry {
  offset: number;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
}

export interface BusJournal {
  /**
   * The offset the next message of each topic gets: one past the highest offset stored or committed by any
   * group, so offsets keep increasing across restarts even after every row of a topic was trimmed.
   */
  nextOffsets(): Promise<Map<string, number>>;
  /** Stores consecutive entries of one topic in a single write; resolves once that write has committed. */
  append(topic: string, entries: readonly JournalEntry[]): Promise<void>;
  /** Up to `limit` entries of `topic` at or after `fromOffset`, in offset order; trimmed entries are gone. */
  read(topic: string, fromOffset: number, limit: number): Promise<JournalEntry[]>;
  /** A consumer group's committed positions (the next offset it reads) per topic. */
  positions(groupId: string): Promise<Map<string, number>>;
  commit(groupId: string, topic: string, position: number): Promise<void>;
  /** Deletes the entries of `topic` below `beforeOffset`; resolves with how many were deleted. */
  trim(topic: string, beforeOffset: number): Promise<number>;
}

/** Nest injection token for the journal; provided only where the in-process bus should be durable. */
export const BUS_JOURNAL = Symbol('BUS_JOURNAL');
