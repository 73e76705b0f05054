// Deletes journal rows nobody needs any more, in bulk: a topic's rows below what every reader has committed,
// or, for a topic nobody reads, all but the newest `retention`. One delete runs at a time, beside delivery.
import type { Logger } from 'pino';
import type { BusJournal } from './bus-journal.port';

/** Rows are deleted once this many have become deletable, not after every batch. */
export const TRIM_STEP = 1_000;

export class BusJournalTrimmer {
  /** Offset below which each topic was last trimmed. */
  private readonly trimmedTo = new Map<string, number>();
  private trimming: Promise<void> = Promise.resolve();

  constructor(
    private readonly journal: BusJournal,
    private readonly logger: Logger,
  ) {}

  /** Every reader of `topic` has committed `committedByAll`. */
  consumed(topic: string, committedByAll: number): void {
    this.trimBelow(topic, committedByAll);
  }

  /** A topic nobody reads now ends at `next`; offsets are consecutive, so the newest rows start here. */
  appendedUnread(topic: string, next: number, retention: number): void {
    this.trimBelow(topic, next - retention);
  }

  /** Resolves when no trim is running. */
  idle(): Promise<void> {
    return this.trimming;
  }

  private trimBelow(topic: string, before: number): void {
    if (before - (this.trimmedTo.get(topic) ?? 0) < TRIM_STEP) return;
    this.trimmedTo.set(topic, before);
    this.trimming = this.trimming.then(() =>
      this.journal.trim(topic, before).then(
        (deleted) => this.logger.debug({ topic, before, deleted }, 'journal trimmed'),
        (error: unknown) => {
          this.trimmedTo.delete(topic);
          this.logger.warn({ err: error, topic }, 'journal trim failed; will retry later');
        },
      ),
    );
  }
}
