// Typing indicators between agents and web-chat visitors, whichever gateways their sockets are on. A signal is
// shown at once to this gateway's sockets, and with Kafka also published, unawaited, on the short-retention
// typing topic that every gateway reads with a group of its own. Nothing is stored: the embedded default has a
// single gateway, so its signals stay in the process (its in-process bus would journal them in the database).
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import {
  IdSchema,
  TYPING_SIGNAL_V1,
  TypingSignalV1Schema,
  type TypingSignalV1,
} from '@switchboard/contracts';
import { BUS, type Bus, type ConsumedBatch, type Subscription } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { z } from 'zod';
import { validRecords } from './relay-records.util';

export const AgentTypingInputSchema = z.strictObject({ conversationId: IdSchema, typing: z.boolean() });

export type TypingSignal = Omit<TypingSignalV1, 'schema' | 'at' | 'origin'>;
export type TypingListener = (signal: TypingSignal) => void;

/** Long enough for a consumer hiccup, short enough that nobody reads yesterday's keystrokes. */
const TYPING_RETENTION_MS = 60_000;
/** A signal older than this when it arrives is no longer true, and is dropped. */
const STALE_AFTER_MS = 5_000;
/** Publishes waiting for the broker; beyond it signals are dropped rather than queued (never blocking). */
const MAX_IN_FLIGHT = 500;

@Injectable()
export class TypingRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly origin = randomUUID();
  private readonly listeners: TypingListener[] = [];
  private readonly logger: Logger;
  private subscription?: Subscription;
  private inFlight = 0;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'typing-relay' });
  }

  private get crossGateway(): boolean {
    return this.config.bus.kind === 'kafka';
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.crossGateway) return;
    const { topics, bus } = this.config;
    const partitions = bus.kind === 'kafka' ? bus.partitions : 1;
    await this.bus.ensureTopics([topics.typing], partitions, { retentionMs: TYPING_RETENTION_MS });
    this.subscription = await this.bus.subscribe({
      // Every gateway must see every signal; named like the routing-event relay's group, for the same reason.
      groupId: `switchboard-typing-${hostname()}-${this.config.http.port || randomUUID()}`,
      topics: [topics.typing],
      fromBeginning: false,
      handleBatch: (batch) => this.receive(batch),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  addListener(listener: TypingListener): void {
    this.listeners.push(listener);
  }

  /** Shows the signal here and hands it to the other gateways; returns at once whatever the broker does. */
  publish(signal: TypingSignal, now = new Date()): void {
    this.deliver(signal);
    if (!this.crossGateway) return;
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.logger.debug({ tenantId: signal.tenantId }, 'typing signal dropped: the broker is behind');
      return;
    }
    const record: TypingSignalV1 = {
      schema: TYPING_SIGNAL_V1,
      ...signal,
      at: now.toISOString(),
      origin: this.origin,
    };
    this.inFlight++;
    this.bus
      .publish(this.config.topics.typing, [{ key: signal.tenantId, value: JSON.stringify(record) }])
      .catch((error: unknown) => this.logger.debug({ err: error }, 'typing signal not published'))
      .finally(() => this.inFlight--);
  }

  /** Signals from the other gateways; this gateway's own were shown when published. */
  receive(batch: Pick<ConsumedBatch, 'messages'>, now = Date.now()): Promise<void> {
    for (const record of validRecords(batch.messages, TypingSignalV1Schema)) {
      if (record.origin === this.origin) continue;
      const { schema: _schema, at, origin: _origin, ...signal } = record;
      if (now - Date.parse(at) > STALE_AFTER_MS) continue;
      this.deliver(signal);
    }
    return Promise.resolve();
  }

  private deliver(signal: TypingSignal): void {
    for (const listener of this.listeners) {
      try {
        listener(signal);
      } catch (error) {
        this.logger.error({ err: error }, 'a typing listener failed');
      }
    }
  }
}
