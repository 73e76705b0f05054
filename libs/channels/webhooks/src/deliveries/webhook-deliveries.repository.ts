// The webhook delivery log and the message-id claims that make redeliveries duplicates. A claim is taken with
// one INSERT … ON CONFLICT, so of concurrent duplicates exactly one wins; it is released when publishing
// fails (the platform retries) and may be taken over once stale, so a crash between claim and publish does
// not turn the message into a permanent duplicate.
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import type { DeliveredMedia } from '../media/webhook-media.fetcher';

export type WebhookOutcome = 'accepted' | 'duplicate' | 'refused' | 'dead-lettered';
export type MessageOutcome = 'accepted' | 'duplicate' | 'dead-lettered';

export interface DeliveredMessage {
  id: string;
  outcome: MessageOutcome;
  reason?: string;
  /** Each fetched attachment: its blob, or why its content was not kept (the message is accepted anyway). */
  media?: DeliveredMedia[];
}

export interface DeliveredStatus {
  id: string;
  status: string;
}

export interface DeliveryRecord {
  id: string;
  tenantId: string;
  inboxId: string;
  channel: string;
  receivedAt: Date;
  outcome: WebhookOutcome;
  reason?: string;
  httpStatus: number;
  messages: DeliveredMessage[];
  statuses: DeliveredStatus[];
  rawBody: Buffer;
}

export interface ClaimRef {
  tenantId: string;
  channel: string;
  deliveryId: string;
  ids: string[];
}

/** A claim older than this that was never published is presumed abandoned (its process died). */
export const STALE_CLAIM_SECONDS = 60;
/** A refused body is kept only in part: it was not verified, so it must not cost much. */
const REFUSED_BODY_BYTES = 64 * 1024;
const PRUNE_BATCH = 1000;

@Injectable()
export class WebhookDeliveries {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  /** The ids among `ids` this delivery now owns; the others are claimed by an earlier delivery. */
  async claim(tenantId: string, channel: string, deliveryId: string, ids: string[]): Promise<Set<string>> {
    // One statement for the whole delivery, whatever its size; ids are de-duplicated first because an
    // upsert may not touch the same row twice in one statement.
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      INSERT INTO webhook_message_claims (tenant_id, channel, platform_message_id, delivery_id, claimed_at)
      SELECT ${tenantId}, ${channel}, id, ${deliveryId}, now() FROM unnest(${unique}::text[]) AS v(id)
      ON CONFLICT (tenant_id, channel, platform_message_id) DO UPDATE
        SET delivery_id = EXCLUDED.delivery_id, claimed_at = EXCLUDED.claimed_at
        WHERE webhook_message_claims.published_at IS NULL
          AND webhook_message_claims.claimed_at < now() - ${STALE_CLAIM_SECONDS} * interval '1 second'
      RETURNING platform_message_id AS id`;
    return new Set(rows.map((row) => row.id));
  }

  async markPublished(claims: ClaimRef): Promise<void> {
    await this.prisma.webhookMessageClaim.updateMany({
      where: claimsOf(claims),
      data: { publishedAt: new Date() },
    });
  }

  /** Publishing failed: give the ids back so the platform's retry can claim them. */
  async release(claims: ClaimRef): Promise<void> {
    await this.prisma.webhookMessageClaim.deleteMany({ where: { ...claimsOf(claims), publishedAt: null } });
  }

  async record(delivery: DeliveryRecord): Promise<void> {
    const body =
      delivery.outcome === 'refused' ? delivery.rawBody.subarray(0, REFUSED_BODY_BYTES) : delivery.rawBody;
    await this.prisma.webhookDelivery.create({
      data: {
        id: delivery.id,
        tenantId: delivery.tenantId,
        inboxId: delivery.inboxId,
        channel: delivery.channel,
        receivedAt: delivery.receivedAt,
        outcome: delivery.outcome === 'dead-lettered' ? 'dead_lettered' : delivery.outcome,
        httpStatus: delivery.httpStatus,
        ...(delivery.reason ? { reason: storable(delivery.reason) } : {}),
        messages: delivery.messages.map((m) => ({
          id: storable(m.id),
          outcome: m.outcome,
          ...(m.reason ? { reason: storable(m.reason) } : {}),
          ...(m.media && m.media.length > 0
            ? { media: m.media.map((a) => ({ ...a, name: storable(a.name) })) }
            : {}),
        })),
        statuses: delivery.statuses.map((s) => ({ id: storable(s.id), status: s.status })),
        rawBody: storable(body.toString('utf8')),
      },
    });
  }

  /**
   * Deletes deliveries and claims older than `cutoff`, oldest first, a batch at a time, through the
   * received-at and claimed-at indexes: never a scan of the table. Returns how many deliveries went.
   */
  async prune(cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const deleted = await this.prisma.$executeRaw`
        DELETE FROM webhook_deliveries WHERE id IN (
          SELECT id FROM webhook_deliveries WHERE received_at < ${cutoff} ORDER BY received_at LIMIT ${PRUNE_BATCH})`;
      total += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    for (;;) {
      const deleted = await this.prisma.$executeRaw`
        DELETE FROM webhook_message_claims WHERE ctid IN (
          SELECT ctid FROM webhook_message_claims WHERE claimed_at < ${cutoff} ORDER BY claimed_at LIMIT ${PRUNE_BATCH})`;
      if (deleted < PRUNE_BATCH) break;
    }
    return total;
  }
}

/** A delivery's claims, found through the primary key (never by delivery id, which is not indexed). */
function claimsOf(claims: ClaimRef) {
  return {
    tenantId: claims.tenantId,
    channel: claims.channel,
    platformMessageId: { in: claims.ids },
    deliveryId: claims.deliveryId,
  };
}

/**
 * PostgreSQL text and jsonb refuse NUL and jsonb refuses unpaired surrogates; a platform's body may carry
 * either (as a JSON escape) in an id. The UTF-8 round trip replaces unpaired surrogates.
 */
function storable(text: string): string {
  return Buffer.from(text.replaceAll('\u0000', '\uFFFD'), 'utf8').toString('utf8');
}
