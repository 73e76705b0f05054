// Consumes the outbound topic and sends each reply through its channel's sender. Replies of one conversation
// go out in order; different conversations (and tenants) proceed side by side, so one slow or retrying
// platform holds up only its own conversation. Every outcome is reported to the router as a delivery-status
// record (the router stays the only writer); poison sends and exhausted retries are also dead-lettered with
// their reason. The batch is committed only after every report and dead letter is durable.
import {
  DELIVERY_STATUS_V1,
  ErrorCode,
  OutboundMessageV1Schema,
  parseWith,
  type DeliveryStatusV1,
  type OutboundMessageV1,
  type TopicNames,
} from '@switchboard/contracts';
import {
  deadLetterMessage,
  sleep,
  type Bus,
  type ConsumedBatch,
  type ConsumedMessage,
  type OutgoingMessage,
  type Rejection,
  type Subscription,
} from '@switchboard/messaging';
import type { Logger } from 'pino';
import { PermanentSendError } from './channel-sender.port';
import type { ChannelSenderRegistry } from './channel-sender.registry';
import type { OutboundMetrics } from './outbound.metrics';
import { nextRetryDelay, type SendRetryPolicy } from './send-retry.policy';

export const OutboundErrorCode = {
  /** The platform refused the message for good (a 4xx, an unknown recipient, no credentials). */
  SendRefused: 'SEND_REFUSED',
  /** Every attempt failed with a retriable error, within the retry policy's bounds. */
  RetriesExhausted: 'SEND_RETRIES_EXHAUSTED',
  /** No sender is registered for the record's channel. */
  NoSender: 'NO_SENDER',
} as const;

export interface OutboundDispatcherDeps {
  bus: Bus;
  topics: TopicNames;
  groupId: string;
  registry: ChannelSenderRegistry;
  retry: SendRetryPolicy;
  /** Conversations sent at the same time, per dispatcher. */
  concurrency: number;
  logger: Logger;
  metrics?: OutboundMetrics;
  now?: () => number;
  random?: () => number;
  wait?: (ms: number) => Promise<void>;
}

type Outcome =
  | { ok: true; status: 'sent' | 'delivered'; providerMessageId: string; attempts: number }
  | { ok: false; rejection: Rejection; attempts: number };

interface Job {
  message: ConsumedMessage;
  record: OutboundMessageV1;
}

/** Outcomes remembered per message id, so a redelivered batch reports again instead of sending again. */
const REMEMBERED_OUTCOMES = 10_000;

export class OutboundDispatcher {
  private subscription?: Subscription;
  private readonly outcomes = new Map<string, Outcome>();

  constructor(private readonly deps: OutboundDispatcherDeps) {}

  async start(partitions: number): Promise<void> {
    const { bus, topics, groupId } = this.deps;
    await bus.ensureTopics([topics.outbound, topics.deadLetter], partitions);
    this.subscription = await bus.subscribe({
      groupId,
      topics: [topics.outbound],
      fromBeginning: true,
      handleBatch: (batch) => this.handleBatch(batch),
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
  }

  async handleBatch(batch: ConsumedBatch): Promise<void> {
    const lanes = new Map<string, Job[]>();
    const invalid: OutgoingMessage[] = [];
    for (const message of batch.messages) {
      const record = this.decode(message);
      if ('rejection' in record) {
        invalid.push(this.deadLetter(message, record.rejection));
        continue;
      }
      const lane = lanes.get(record.conversationId) ?? [];
      lane.push({ message, record });
      lanes.set(record.conversationId, lane);
    }
    await this.deps.bus.publish(this.deps.topics.deadLetter, invalid);
    const queue = [...lanes.values()];
    const worker = async (): Promise<void> => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const job of lane) await this.dispatch(job);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency, queue.length) }, worker));
  }

  private decode(message: ConsumedMessage): OutboundMessageV1 | { rejection: Rejection } {
    let json: unknown;
    try {
      json = JSON.parse(message.value.toString('utf8'));
    } catch {
      return { rejection: { code: ErrorCode.InvalidJson, reason: 'Outbound record is not valid JSON' } };
    }
    const parsed = parseWith(OutboundMessageV1Schema, json);
    if (parsed.ok) return parsed.value;
    return {
      rejection: {
        code: ErrorCode.ValidationFailed,
        reason: 'Outbound record does not match its schema',
        issues: parsed.issues,
      },
    };
  }

  /** Sends one reply (unless this process already did), then makes its outcome durable. */
  private async dispatch({ message, record }: Job): Promise<void> {
    let outcome = this.outcomes.get(record.messageId);
    if (!outcome) {
      outcome = await this.send(record);
      this.remember(record.messageId, outcome);
      this.deps.metrics?.sends.inc({
        channel: record.channel,
        outcome: outcome.ok ? outcome.status : outcome.rejection.code,
      });
    }
    const report = this.report(record, outcome);
    await this.deps.bus.publish(this.deps.topics.agentCommands, [
      { key: record.tenantId, value: JSON.stringify(report) },
    ]);
    if (!outcome.ok) {
      await this.deps.bus.publish(this.deps.topics.deadLetter, [this.deadLetter(message, outcome.rejection)]);
    }
  }

  private async send(record: OutboundMessageV1): Promise<Outcome> {
    const sender = this.deps.registry.get(record.channel);
    if (!sender) {
      return {
        ok: false,
        attempts: 0,
        rejection: { code: OutboundErrorCode.NoSender, reason: `No sender for channel ${record.channel}` },
      };
    }
    const now = this.deps.now ?? Date.now;
    const started = now();
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await sender.send(record);
        return { ok: true, attempts: attempt + 1, ...result };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof PermanentSendError) {
          return {
            ok: false,
            attempts: attempt + 1,
            rejection: { code: OutboundErrorCode.SendRefused, reason },
          };
        }
        const retryAfterMs = (error as { retryAfterMs?: unknown }).retryAfterMs;
        const delay = nextRetryDelay(
          this.deps.retry,
          attempt,
          now() - started,
          typeof retryAfterMs === 'number' ? retryAfterMs : undefined,
          this.deps.random,
        );
        if (delay === undefined) {
          return {
            ok: false,
            attempts: attempt + 1,
            rejection: {
              code: OutboundErrorCode.RetriesExhausted,
              reason: `Gave up after ${attempt + 1} attempts: ${reason}`,
            },
          };
        }
        this.deps.metrics?.retries.inc({ channel: record.channel });
        this.deps.logger.warn(
          { messageId: record.messageId, channel: record.channel, attempt: attempt + 1, delay, reason },
          'send failed; retrying',
        );
        await (this.deps.wait ?? sleep)(delay);
      }
    }
  }

  private report(record: OutboundMessageV1, outcome: Outcome): DeliveryStatusV1 {
    const at = new Date((this.deps.now ?? Date.now)()).toISOString();
    const base = {
      schema: DELIVERY_STATUS_V1,
      by: 'message',
      tenantId: record.tenantId,
      messageId: record.messageId,
      at,
    } as const;
    if (outcome.ok) {
      const providerMessageId = storableText(outcome.providerMessageId, 512);
      return { ...base, status: outcome.status, ...(providerMessageId ? { providerMessageId } : {}) };
    }
    return {
      ...base,
      status: 'failed',
      reason: storableText(`${outcome.rejection.code}: ${outcome.rejection.reason}`, 1000),
    };
  }

  private deadLetter(message: ConsumedMessage, rejection: Rejection): OutgoingMessage {
    this.deps.logger.warn(
      { topic: message.topic, partition: message.partition, offset: message.offset, code: rejection.code },
      `outbound dead-lettered: ${rejection.reason}`,
    );
    return deadLetterMessage(message, rejection, new Date((this.deps.now ?? Date.now)()));
  }

  private remember(messageId: string, outcome: Outcome): void {
    if (this.outcomes.size >= REMEMBERED_OUTCOMES) {
      const oldest = this.outcomes.keys().next();
      if (!oldest.done) this.outcomes.delete(oldest.value);
    }
    this.outcomes.set(messageId, outcome);
  }
}

/** Text the router can store: no NUL, no lone surrogate (re-encoding replaces it), and bounded. */
function storableText(value: string, max: number): string {
  return Buffer.from(value.replaceAll('\u0000', '').slice(0, max), 'utf8').toString('utf8');
}
