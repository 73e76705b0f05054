// Keeps one consumer group member running. kafkajs restarts a consumer after a retriable crash by itself, but
// after a non-retriable one (a TypeError in a handler, say) it stops for good while the process looks healthy;
// the supervisor replaces it with a fresh consumer, with backoff, and reports the member down meanwhile.
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffOptions } from './retry.util';

const RESTART_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, factor: 2 };
const MIN_RESTART_DELAY_MS = 250;

export interface ConsumerSupervisorOptions {
  groupId: string;
  logger: Logger;
  /** A new, unconnected consumer. */
  create(): Consumer;
  /** Connects, subscribes and runs it. */
  run(consumer: Consumer): Promise<void>;
}

export class ConsumerSupervisor {
  private consumer?: Consumer;
  private problem?: { reason: string; since: Date };
  private restartTimer?: NodeJS.Timeout;
  private restartAttempt = 0;
  private closed = false;
  /** True while run() is under way: joined or not, the member may not be consuming from its start yet. */
  private starting = false;

  constructor(private readonly options: ConsumerSupervisorOptions) {}

  get groupId(): string {
    return this.options.groupId;
  }

  /** Why this member is not consuming right now, or undefined while it is. */
  get down(): string | undefined {
    if (this.problem)
      return `consumer ${this.groupId}: ${this.problem.reason} (since ${this.problem.since.toISOString()})`;
    return this.starting ? `consumer ${this.groupId}: starting (joining its group)` : undefined;
  }

  /** The first start: a failure is the caller's (subscribe rejects), and nothing is restarted. */
  async start(): Promise<void> {
    const consumer = this.watch(this.options.create());
    this.starting = true;
    try {
      await this.options.run(consumer);
    } catch (error) {
      this.consumer = undefined;
      await consumer.disconnect().catch(() => undefined);
      throw error;
    } finally {
      this.starting = false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restartTimer);
    await this.consumer?.disconnect();
  }

  private watch(consumer: Consumer): Consumer {
    this.consumer = consumer;
    const current = (): boolean => this.consumer === consumer && !this.closed;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!current()) return;
      if (this.problem) this.options.logger.info({ groupId: this.groupId }, 'consumer is back in its group');
      this.problem = undefined;
      this.restartAttempt = 0;
    });
    // kafkajs disconnects a crashing consumer before it reports the crash, and on close.
    consumer.on(consumer.events.DISCONNECT, () => {
      if (current() && !this.problem) this.markDown('disconnected');
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!current()) return;
      this.markDown(payload.error.message);
      this.options.logger.error(
        { err: payload.error, groupId: this.groupId, kafkajsRestarts: payload.restart },
        'consumer crashed',
      );
      // With restart: true kafkajs rejoins by itself, and GROUP_JOIN clears the problem.
      if (!payload.restart) this.scheduleRestart();
    });
    return consumer;
  }

  private markDown(reason: string): void {
    this.problem = { reason, since: this.problem?.since ?? new Date() };
  }

  private scheduleRestart(): void {
    if (this.closed || this.restartTimer) return;
    const delay = Math.max(MIN_RESTART_DELAY_MS, backoffDelay(this.restartAttempt++, RESTART_BACKOFF));
    this.options.logger.warn({ groupId: this.groupId, delay }, 'restarting the consumer');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, delay);
    this.restartTimer.unref();
  }

  private async restart(): Promise<void> {
    const previous = this.consumer;
    const consumer = this.watch(this.options.create());
    await previous?.disconnect().catch(() => undefined);
    this.starting = true;
    try {
      await this.options.run(consumer);
    } catch (error) {
      if (this.closed) return;
      this.markDown(error instanceof Error ? error.message : String(error));
      await consumer.disconnect().catch(() => undefined);
      this.scheduleRestart();
    } finally {
      this.starting = false;
    }
  }
}
