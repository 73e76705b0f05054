// Test and benchmark helper: a virtual clock with setTimeout/clearTimeout over it. It refuses what Node
// would mishandle (delays above 2^31-1 ms, negative delays) and counts how many timers are armed at once.
import { MAX_TIMER_DELAY_MS, type TimerHandle, type TimerHost } from '../timers/timer-driver';

interface PendingTimer {
  readonly at: number;
  readonly id: number;
  readonly callback: () => void;
}

export class ManualTimerHost implements TimerHost {
  private readonly pending = new Map<number, PendingTimer>();
  private nextId = 1;
  /** Largest number of timers ever armed at the same time. */
  maxArmed = 0;
  /** How many times setTimeout was called. */
  armings = 0;

  constructor(private clock: number) {}

  readonly now = (): number => this.clock;

  get armed(): number {
    return this.pending.size;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    if (!(delayMs >= 0 && delayMs <= MAX_TIMER_DELAY_MS)) {
      throw new RangeError(`delay ${delayMs} ms is outside what Node honours`);
    }
    const id = this.nextId++;
    this.pending.set(id, { at: this.clock + delayMs, id, callback });
    this.armings++;
    this.maxArmed = Math.max(this.maxArmed, this.pending.size);
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle as number);
  }

  /** Runs every timer due up to `target` in time order (moving the clock to each), then sets the clock. */
  advanceTo(target: number): void {
    for (;;) {
      let first: PendingTimer | undefined;
      for (const t of this.pending.values()) {
        if (
          t.at <= target &&
          (first === undefined || t.at < first.at || (t.at === first.at && t.id < first.id))
        ) {
          first = t;
        }
      }
      if (first === undefined) break;
      this.pending.delete(first.id);
      this.clock = Math.max(this.clock, first.at);
      first.callback();
    }
    this.clock = Math.max(this.clock, target);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.clock + ms);
  }
}
