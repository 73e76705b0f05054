// A housekeeping pass a process runs on a timer (pruning old rows, say): started once the app is up, never
// two at once, and awaited on shutdown so no pass is cut off halfway. Subclasses say what one pass does.
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export abstract class PeriodicPass implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  protected constructor(private readonly intervalMs: number) {}

  /** One pass. It must not throw: a failed pass is logged, and the next one retries. */
  protected abstract pass(now: Date): Promise<void>;

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
    // Housekeeping never keeps a process alive on its own.
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Runs one pass now; while one is running, the same pass is returned instead of a second. */
  runOnce(now = new Date()): Promise<void> {
    this.running ??= this.pass(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
