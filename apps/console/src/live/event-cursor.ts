// The live stream's cursor: which durable events to apply, once each and in seq order, across reconnects.
// While a replay or a resync is under way, live events may overtake it, so everything is held back until the
// replay is complete (or the snapshot is in), then released in seq order. Ephemeral events (seq null) pass.

export interface Sequenced {
  seq: number | null;
}

type Phase = 'streaming' | 'replaying' | 'resyncing';

export class EventCursor<E extends Sequenced> {
  private phase: Phase = 'streaming';
  private readonly held = new Map<number, E>();

  constructor(private last: number) {}

  /** The last seq applied: what a reconnecting client sends as `auth.lastSeq`. */
  get lastSeq(): number {
    return this.last;
  }

  get isHolding(): boolean {
    return this.phase !== 'streaming';
  }

  /** The server is ready at `headSeq`: if it is ahead of us, what we missed is about to be replayed. */
  ready(headSeq: number): E[] {
    if (headSeq > this.last) {
      this.phase = 'replaying';
      return [];
    }
    return this.release();
  }

  /** An event arrived; returns the events to apply now, in order. */
  offer(event: E): E[] {
    if (event.seq === null) return [event];
    if (event.seq <= this.last) return [];
    if (this.phase !== 'streaming') {
      this.held.set(event.seq, event);
      return [];
    }
    this.last = event.seq;
    return [event];
  }

  /** The replay frame: what was missed has been sent; release it and whatever live events overtook it. */
  replayed(): E[] {
    if (this.phase !== 'replaying') return [];
    return this.release();
  }

  /** The server cannot replay from our cursor: hold events until a snapshot says where to resume. */
  resync(): void {
    this.phase = 'resyncing';
  }

  /** A snapshot consistent with `headSeq` is applied; held events after it follow, in order. */
  snapshotLoaded(headSeq: number): E[] {
    this.last = headSeq;
    return this.release();
  }

  private release(): E[] {
    this.phase = 'streaming';
    const ready = [...this.held.values()]
      .filter((event) => (event.seq ?? 0) > this.last)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    this.held.clear();
    if (ready.length > 0) this.last = ready[ready.length - 1].seq ?? this.last;
    return ready;
  }
}
