// Keeps the bus's one kafkajs producer connected. A failed connect is not remembered as the producer: the
// next send tries again, and so does a background loop with backoff. A send that fails for lack of a broker,
// or a producer that disconnects, marks the link down (readiness reports why) until a connect succeeds.
import type { Kafka, Producer, ProducerRecord } from 'kafkajs';
import { CachedKeyPartitioner } from './cached-key.partitioner';
import type { Logger } from 'pino';
import { backoffDelay, type BackoffOptions } from './retry.util';

/** Background reconnects: soon after a failure, then at most every 30 s. */
const RECONNECT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 30_000, factor: 2 };
const MIN_RECONNECT_DELAY_MS = 250;

/** kafkajs errors that mean "no usable connection", as opposed to a bad record or a missing topic. */
const CONNECTIVITY_ERRORS = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
]);

export class ProducerLink {
  private producer?: Producer;
  private connecting?: Promise<Producer>;
  private problem?: { reason: string; since: Date };
  private reconnectTimer?: NodeJS.Timeout;
  private reconnectAttempt = 0;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
  ) {}

  /** Why the producer cannot send right now, or undefined while it can (or has not been needed yet). */
  get down(): string | undefined {
    return this.problem && `${this.problem.reason} (since ${this.problem.since.toISOString()})`;
  }

  async send(record: ProducerRecord): Promise<void> {
    const producer = await this.connected();
    try {
      await producer.send(record);
    } catch (error) {
      if (isConnectivityError(error)) this.markDown(error, producer);
      throw error;
    }
  }

  /** The connected producer; connects (once, shared by concurrent callers) when there is none. */
  connected(): Promise<Producer> {
    if (this.producer) return Promise.resolve(this.producer);
    if (this.closed) return Promise.reject(new Error('The Kafka bus is closed'));
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.connecting?.catch(() => undefined);
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect();
  }

  private async connect(): Promise<Producer> {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const producer = this.kafka.producer({
      idempotent: true,
      allowAutoTopicCreation: false,
      // The default placement, remembered per key: see cached-key.partitioner.ts.
      createPartitioner: CachedKeyPartitioner,
      // Bounded, so a send or connect with no broker fails in seconds instead of minutes.
      retry: { initialRetryTime: 200, retries: 5 },
    });
    producer.on(producer.events.DISCONNECT, () => {
      if (this.producer === producer) this.markDown(new Error('producer disconnected'), producer);
    });
    try {
      await producer.connect();
    } catch (error) {
      this.markDown(error);
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await producer.disconnect();
      throw new Error('The Kafka bus is closed');
    }
    if (this.problem) this.logger.info({ downSince: this.problem.since }, 'producer reconnected');
    this.producer = producer;
    this.problem = undefined;
    this.reconnectAttempt = 0;
    return producer;
  }

  private markDown(error: unknown, producer?: Producer): void {
    if (this.closed) return;
    const reason = `producer: ${error instanceof Error ? error.message : String(error)}`;
    if (!this.problem) this.logger.error({ err: error }, 'producer is down; reconnecting in the background');
    this.problem = { reason, since: this.problem?.since ?? new Date() };
    if (producer && this.producer === producer) {
      // A fresh producer after an outage, rather than an idempotent one whose sequence state is now unknown.
      this.producer = undefined;
      void producer.disconnect().catch(() => undefined);
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = Math.max(MIN_RECONNECT_DELAY_MS, backoffDelay(this.reconnectAttempt++, RECONNECT_BACKOFF));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      // A failure marks the link down again, which schedules the next attempt.
      void this.connected().catch(() => undefined);
    }, delay);
    // A process that is otherwise done does not stay alive for a reconnect.
    this.reconnectTimer.unref();
  }
}

/** True when the error, or any error it wraps, says the broker could not be reached. */
export function isConnectivityError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; depth++) {
    if (CONNECTIVITY_ERRORS.has(e.name)) return true;
    const wrapped = e as Error & { originalError?: unknown };
    e = wrapped.cause ?? wrapped.originalError;
  }
  return false;
}
