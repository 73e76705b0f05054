// Fires a TimerQueue through one host timer armed for the earliest due time (no periodic sweep), and
// hands what is due to `onDue` in batches. The host's setTimeout, clearTimeout, clock and logger are
// injected, so the driver stays pure and runs on a fake clock in tests.
import type { ScheduledTimer } from './timer-queue';
import { TimerQueue } from './timer-queue';

/** Node clamps larger delays to 1 ms (with a warning), so a far deadline is reached in hops of this. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export type TimerHandle = unknown;

export interface TimerHost {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The part of a pino logger the driver uses. */
export interface TimerLogger {
  error(context: Record<string, unknown>, message: string): void;
}

/** Receives due timers, earliest first; `firedAt` is the clock reading they were taken at. */
export type DueTimersHandler = (
  batch: readonly ScheduledTimer[],
  firedAt: number,
) => void | PromiseLike<void>;

export interface TimerDriverOptions {
  readonly now: () => number;
  readonly host: TimerHost;
  readonly logger: TimerLogger;
  readonly onDue: DueTimersHandler;
  /** Most timers per onDue call (default 1,000). */
  readonly batchSize?: number;
  /** Batches delivered per wake-up before yielding to the event loop (default 16). */
  readonly batchesPerWake?: number;
  /** A queue to drive; a new empty one by default. */
  readonly queue?: TimerQueue;
}

export class TimerDriver {
  readonly queue: TimerQueue;
  private handle: TimerHandle = undefined;
  /** Due time the armed host timer is for; Infinity when none is armed. */
  private armedFor = Infinity;
  /** True while batches are being delivered: mutations then leave re-arming to the delivery loop. */
  private delivering = false;
  private inFlight: Promise<void> | undefined;
  private running = true;
  private readonly batchSize: number;
  private readonly batchesPerWake: number;

  constructor(private readonly options: TimerDriverOptions) {
    this.queue = options.queue ?? new TimerQueue();
    this.batchSize = options.batchSize ?? 1_000;
    this.batchesPerWake = options.batchesPerWake ?? 16;
    this.arm();
  }

  get stopped(): boolean {
    return !this.running;
  }

  schedule(tenantId: string, key: string, dueAt: number): void {
    this.queue.schedule(tenantId, key, dueAt);
    this.arm();
  }

  scheduleMany(timers: Iterable<ScheduledTimer>): void {
    this.queue.scheduleMany(timers);
    this.arm();
  }

  cancel(tenantId: string, key: string): boolean {
    // The armed timer is left as it is while other timers remain: waking once for nothing is cheaper
    // than re-arming on every cancel, and the wake-up re-arms for whatever is then earliest.
    const cancelled = this.queue.cancel(tenantId, key);
    this.disarmIfEmpty();
    return cancelled;
  }

  dropTenant(tenantId: string): number {
    const dropped = this.queue.dropTenant(tenantId);
    this.disarmIfEmpty();
    return dropped;
  }

  /** Disarms the host timer and delivers nothing more; resolves once a batch in flight has settled. */
  stop(): Promise<void> {
    this.running = false;
    this.disarm();
    return this.inFlight ?? Promise.resolve();
  }

  /** Arms the host timer for the earliest due time unless one is armed already for that time or earlier. */
  private arm(): void {
    if (!this.running || this.delivering) return;
    const next = this.queue.nextDueAt();
    if (next === undefined || next >= this.armedFor) return;
    this.disarm();
    this.armAt(next, Math.min(MAX_TIMER_DELAY_MS, Math.max(0, next - this.options.now())));
  }

  private armAt(dueAt: number, delayMs: number): void {
    this.armedFor = dueAt;
    this.handle = this.options.host.setTimeout(() => this.wake(), delayMs);
  }

  /** An empty queue needs no wake-up, and a pending host timer would keep the event loop alive. */
  private disarmIfEmpty(): void {
    if (this.queue.size === 0 && !this.delivering) this.disarm();
  }

  private disarm(): void {
    if (this.handle !== undefined) this.options.host.clearTimeout(this.handle);
    this.handle = undefined;
    this.armedFor = Infinity;
  }

  private wake(): void {
    this.handle = undefined;
    this.armedFor = Infinity;
    this.deliver(0);
  }

  /**
   * Takes and delivers due batches until none is due, a handler returns a promise (resumed when it
   * settles), or `batchesPerWake` is reached (resumed on a 0 ms timer, so I/O runs between bursts).
   * Timers are taken before delivery: a failed handler is logged and its timers are not retried here;
   * the owner's persisted clock state re-creates them on the next rebuild.
   */
  private deliver(delivered: number): void {
    this.delivering = true;
    while (this.running) {
      const next = this.queue.nextDueAt();
      if (next === undefined) break;
      if (delivered === this.batchesPerWake) {
        this.delivering = false;
        this.armAt(next, 0);
        return;
      }
      const firedAt = this.options.now();
      const batch = this.queue.takeDue(firedAt, this.batchSize);
      if (batch.length === 0) break;
      delivered++;
      const pending = this.handOver(batch, firedAt);
      if (pending !== undefined) {
        const count = delivered;
        this.inFlight = pending.then(() => {
          this.inFlight = undefined;
          this.deliver(count);
        });
        return;
      }
    }
    this.delivering = false;
    this.arm();
  }

  /** Calls onDue; returns a never-rejecting promise when it answered with one. */
  private handOver(batch: readonly ScheduledTimer[], firedAt: number): Promise<void> | undefined {
    try {
      const result: unknown = this.options.onDue(batch, firedAt);
      if (!isThenable(result)) return undefined;
      return Promise.resolve(result).then(undefined, (err: unknown) => this.logFailure(err, batch));
    } catch (err) {
      this.logFailure(err, batch);
      return undefined;
    }
  }

  private logFailure(err: unknown, batch: readonly ScheduledTimer[]): void {
    this.options.logger.error(
      { err, timers: batch.length, firstDueAt: batch[0].dueAt, firstTenantId: batch[0].tenantId },
      'timer batch handler failed; its timers were taken and are not retried',
    );
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
