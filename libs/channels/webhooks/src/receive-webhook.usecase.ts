// Takes one webhook delivery from a platform to the bus: find the inbox, verify the signature over the raw
// body, read the batch, claim each message id (a redelivery is a duplicate), publish the new records, and
// log the delivery with its outcome. The new messages' media are fetched into the blob store between the claim
// and the publish, within a per-delivery budget; a failed fetch leaves that attachment metadata only (ADR 0022). Resolves only once every record is on the bus, so the 200 means durable;
// when the bus cannot take them the claims are released and the caller answers 503 (the platform retries).
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type Channel } from '@switchboard/contracts';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { IngestAdmissionGate } from '@switchboard/gateway-api';
import { BUS, BusOverloadedError, deadLetterMessage, type Bus } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import {
  WebhookDeliveries,
  type ClaimRef,
  type DeliveredMessage,
  type DeliveryRecord,
  type WebhookOutcome,
} from './deliveries/webhook-deliveries.repository';
import { readMessengerPayload } from './meta/messenger-payload.reader';
import { readWhatsAppPayload } from './meta/whatsapp-payload.reader';
import { WebhookMediaFetcher, type KeptMedia } from './media/webhook-media.fetcher';
import { mediaSourcesOf, type MediaSource } from './media/media-source.util';
import type { PlatformPayload } from './platform-payload';
import { WebhookInboxes } from './webhook-inboxes.service';
import { WebhookRecordsBuilder, type BuiltRecords } from './webhook-records.builder';
import type { WebhookInbox } from './webhook-secrets.port';
import { metaSignatureValid, xSignatureValid } from './webhook-signature.util';
import { readXPayload } from './x/x-payload.reader';

/** What a caller is told to wait when the bus cannot take the delivery. */
export const WEBHOOK_RETRY_AFTER_MS = 5_000;

export interface WebhookPost {
  channel: Channel;
  inboxId: string;
  rawBody: Buffer;
  /** The parsed JSON body (the body parser already refused malformed JSON with 400). */
  body: unknown;
  /** X-Hub-Signature-256 (Meta) or x-twitter-webhooks-signature (X). */
  signature: string | undefined;
}

export interface WebhookReceipt {
  deliveryId: string;
  outcome: WebhookOutcome;
  messages: DeliveredMessage[];
}

@Injectable()
export class ReceiveWebhook {
  private readonly logger: Logger;
  private readonly builder: WebhookRecordsBuilder;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly admission: IngestAdmissionGate,
    private readonly inboxes: WebhookInboxes,
    private readonly deliveries: WebhookDeliveries,
    private readonly media: WebhookMediaFetcher,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'webhook-in' });
    this.builder = new WebhookRecordsBuilder(config.urls);
  }

  async execute(post: WebhookPost, now = new Date()): Promise<WebhookReceipt> {
    const inbox = await this.inboxes.find(post.channel, post.inboxId);
    const delivery = { id: uuidv7(), inbox, rawBody: post.rawBody, receivedAt: now };
    const refusal = signatureRefusal(inbox, post);
    if (refusal) {
      await this.log(delivery, { outcome: 'refused', reason: refusal, httpStatus: 401 });
      throw new DomainError(ErrorCode.Unauthenticated, `Webhook refused: ${refusal}`);
    }
    try {
      await this.admission.admit();
    } catch (error) {
      await this.log(delivery, { outcome: 'refused', reason: 'ingest overloaded; retry', httpStatus: 503 });
      throw error;
    }
    const payload = readPayload(inbox, post.body);
    const built = this.builder.build(inbox, payload, now);
    const ids = built.contacts.map((c) => c.channelMessageId);
    const claim = { tenantId: inbox.tenantId, channel: inbox.channel, deliveryId: delivery.id, ids };
    const won = await this.guarded(() =>
      this.deliveries.claim(claim.tenantId, claim.channel, claim.deliveryId, ids),
    );
    // Only the messages this delivery won are fetched: a duplicate storm downloads each medium once.
    const kept = await this.media.keep(
      inbox,
      built.contacts.filter((c) => won.has(c.channelMessageId)),
      sourcesOf(inbox, payload),
    );
    const fresh = { ...built, contacts: kept.contacts };
    try {
      await this.publish(inbox, fresh, post);
    } catch (error) {
      await this.guarded(() => this.deliveries.release(claim));
      await this.log(delivery, {
        outcome: 'refused',
        reason: `bus unavailable: ${messageOf(error)}`,
        httpStatus: 503,
      });
      throw unavailable(error);
    }
    await this.markPublished({ ...claim, ids: [...won] });
    const messages = outcomesOf(built, won, kept);
    const outcome = overallOutcome(messages);
    await this.log(delivery, {
      outcome,
      httpStatus: 200,
      messages,
      statuses: built.statuses.map((s) => ({
        id: s.by === 'provider' ? s.providerMessageId : '',
        status: s.status,
      })),
      ...deadLetterSummary(messages),
    });
    this.logger.info(
      { tenantId: inbox.tenantId, inboxId: inbox.inboxId, deliveryId: delivery.id, outcome },
      'webhook delivery received',
    );
    return { deliveryId: delivery.id, outcome, messages };
  }

  /** Inbound records, then status reports, then dead letters; every publish resolves once durable. */
  private async publish(inbox: WebhookInbox, built: BuiltRecords, post: WebhookPost): Promise<void> {
    const { topics } = this.config;
    const key = inbox.tenantId;
    if (built.contacts.length > 0)
      await this.bus.publish(
        topics.inbound,
        built.contacts.map((c) => ({ key, value: JSON.stringify(c) })),
      );
    if (built.statuses.length > 0)
      await this.bus.publish(
        topics.agentCommands,
        built.statuses.map((s) => ({ key, value: JSON.stringify(s) })),
      );
    if (built.rejected.length > 0) {
      const failedAt = new Date();
      await this.bus.publish(
        topics.deadLetter,
        built.rejected.map((r) =>
          deadLetterMessage(
            {
              topic: `webhook.${post.channel}`,
              partition: 0,
              offset: '0',
              key,
              value: Buffer.from(JSON.stringify({ inboxId: inbox.inboxId, entry: r.entry }), 'utf8'),
              headers: {},
            },
            { code: ErrorCode.ValidationFailed, reason: r.reason },
            failedAt,
          ),
        ),
      );
    }
  }

  private async log(
    delivery: { id: string; inbox: WebhookInbox; rawBody: Buffer; receivedAt: Date },
    result: Pick<DeliveryRecord, 'outcome' | 'httpStatus'> & Partial<DeliveryRecord>,
  ): Promise<void> {
    const record: DeliveryRecord = {
      id: delivery.id,
      tenantId: delivery.inbox.tenantId,
      inboxId: delivery.inbox.inboxId,
      channel: delivery.inbox.channel,
      receivedAt: delivery.receivedAt,
      rawBody: delivery.rawBody,
      messages: [],
      statuses: [],
      ...result,
    };
    // The log is for diagnosis: failing to write it must not turn a durable delivery into a retry storm.
    try {
      await this.deliveries.record(record);
    } catch (error) {
      this.logger.warn({ err: error, deliveryId: delivery.id }, 'webhook delivery not logged');
    }
  }

  /**
   * The records are durable already, so a failure here must not make the platform retry: the claim stays
   * unpublished, and a redelivery after STALE_CLAIM_SECONDS publishes again (the router drops the copy).
   */
  private async markPublished(claim: ClaimRef): Promise<void> {
    try {
      await this.deliveries.markPublished(claim);
    } catch (error) {
      this.logger.warn({ err: error, deliveryId: claim.deliveryId }, 'webhook claims not marked published');
    }
  }

  /** The database is down: 503, so the platform retries (the claims make a retry safe). */
  private async guarded<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.logger.warn({ err: error }, 'webhook bookkeeping failed; answering 503');
      throw unavailable(error);
    }
  }
}

function signatureRefusal(inbox: WebhookInbox, post: WebhookPost): string | undefined {
  const secret = inbox.channel === 'x' ? inbox.consumerSecret : inbox.appSecret;
  if (!secret) return 'the inbox has no webhook secret configured';
  if (post.signature === undefined) return 'signature header missing';
  const valid =
    inbox.channel === 'x'
      ? xSignatureValid(post.rawBody, post.signature, secret)
      : metaSignatureValid(post.rawBody, post.signature, secret);
  return valid ? undefined : 'signature does not match the body';
}

function readPayload(inbox: WebhookInbox, body: unknown): PlatformPayload {
  if (inbox.channel === 'whatsapp') return readWhatsAppPayload(body, inbox.address);
  if (inbox.channel === 'x') return readXPayload(body, inbox.address);
  // Messenger and Instagram share the Messenger Platform's shape.
  return readMessengerPayload(body, inbox.address);
}

function sourcesOf(
  inbox: WebhookInbox,
  payload: PlatformPayload,
): Map<string, Array<MediaSource | undefined>> {
  return new Map(payload.messages.map((m) => [m.id, mediaSourcesOf(inbox.channel, m.attachments)]));
}

function outcomesOf(built: BuiltRecords, won: ReadonlySet<string>, kept: KeptMedia): DeliveredMessage[] {
  return [
    ...built.contacts.map((c): DeliveredMessage => {
      const media = won.has(c.channelMessageId) ? kept.media.get(c.channelMessageId) : undefined;
      return {
        id: c.channelMessageId,
        outcome: won.has(c.channelMessageId) ? 'accepted' : 'duplicate',
        ...(media && media.length > 0 ? { media } : {}),
      };
    }),
    ...built.rejected.map((r): DeliveredMessage => ({
      id: r.id ?? '(none)',
      outcome: 'dead-lettered',
      reason: r.reason,
    })),
  ];
}

/** Accepted if anything new was accepted; else duplicate if anything was a redelivery; else dead-lettered. */
function overallOutcome(messages: readonly DeliveredMessage[]): WebhookOutcome {
  if (messages.length === 0 || messages.some((m) => m.outcome === 'accepted')) return 'accepted';
  if (messages.some((m) => m.outcome === 'duplicate')) return 'duplicate';
  return 'dead-lettered';
}

function deadLetterSummary(messages: readonly DeliveredMessage[]): { reason?: string } {
  const deadLettered = messages.filter((m) => m.outcome === 'dead-lettered').length;
  return deadLettered > 0 ? { reason: `${deadLettered} of ${messages.length} entries dead-lettered` } : {};
}

function unavailable(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof BusOverloadedError) {
    return new DomainError(ErrorCode.Overloaded, 'Ingest is paused; retry later.', [], {
      retryAfterMs: error.retryAfterMs,
      cause: error,
    });
  }
  return new DomainError(
    ErrorCode.Unavailable,
    'The delivery could not be made durable. Retry later; redelivering is safe.',
    [],
    { retryAfterMs: WEBHOOK_RETRY_AFTER_MS, cause: error },
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
