// An inbox's webhook deliveries, newest first, for its tenant's admins: each with its outcome, reason and the
// platform message ids it carried, and whether each id has since been stored as a message, so "we answered
// 200 but nothing appeared" can be told apart from "it never reached us" and "it was dead-lettered".
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, IdSchema } from '@switchboard/contracts';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, PageQuerySchema, toPage, type Page } from '@switchboard/platform';
import { z } from 'zod';
import { WebhookInboxes } from '../webhook-inboxes.service';
import type { DeliveredMessage, DeliveredStatus, WebhookOutcome } from './webhook-deliveries.repository';

export const WEBHOOK_OUTCOMES = ['accepted', 'duplicate', 'refused', 'dead-lettered'] as const;

export const WebhookDeliveriesQuerySchema = z.strictObject({
  ...PageQuerySchema.shape,
  outcome: z.enum(WEBHOOK_OUTCOMES).optional(),
});
export type WebhookDeliveriesQuery = z.output<typeof WebhookDeliveriesQuerySchema>;

export interface WebhookDeliveryView {
  id: string;
  inboxId: string;
  channel: string;
  receivedAt: string;
  outcome: WebhookOutcome;
  reason: string | null;
  httpStatus: number;
  /** Each platform message id with its outcome, and whether a message with that id is stored now. */
  messages: Array<DeliveredMessage & { stored: boolean }>;
  statuses: DeliveredStatus[];
  /** The body as received (refused deliveries: its first 64 KiB); in lists, its first RAW_PREVIEW_CHARS. */
  rawBody: string;
  /** Whether rawBody is cut short here; the delivery's own URL gives it whole. */
  rawBodyTruncated: boolean;
}

/** A page of 200 whole bodies could be 100 MB: lists show the start of each. */
export const RAW_PREVIEW_CHARS = 2048;

type Row = Prisma.WebhookDeliveryGetPayload<object>;
const SEPARATOR = '|';

@Injectable()
export class ListWebhookDeliveries {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly inboxes: WebhookInboxes,
  ) {}

  async execute(
    principal: UserPrincipal,
    inboxId: string,
    query: WebhookDeliveriesQuery,
  ): Promise<Page<WebhookDeliveryView>> {
    const inbox = await this.inboxes.ofTenant(principal.tenantId, inboxId);
    const rows = await this.prisma.webhookDelivery.findMany({
      where: {
        AND: [
          { tenantId: inbox.tenantId, inboxId: inbox.inboxId },
          query.outcome
            ? { outcome: query.outcome === 'dead-lettered' ? 'dead_lettered' : query.outcome }
            : {},
          afterCursor(query.cursor),
        ],
      },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    const stored = await this.storedIds(inbox.tenantId, inbox.channel, rows);
    return toPage(
      rows,
      query.limit,
      (row) => `${row.receivedAt.toISOString()}${SEPARATOR}${row.id}`,
      (row) => viewOf(row, stored, RAW_PREVIEW_CHARS),
    );
  }

  /** One delivery with its whole raw body. */
  async one(principal: UserPrincipal, inboxId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const inbox = await this.inboxes.ofTenant(principal.tenantId, inboxId);
    const row = IdSchema.safeParse(deliveryId).success
      ? await this.prisma.webhookDelivery.findFirst({
          where: { id: deliveryId, tenantId: inbox.tenantId, inboxId: inbox.inboxId },
        })
      : null;
    if (!row) {
      throw new DomainError(ErrorCode.NotFound, `No webhook delivery ${deliveryId} for this inbox`, [
        { path: 'deliveryId', message: 'no delivery of this inbox has this id' },
      ]);
    }
    return viewOf(row, await this.storedIds(inbox.tenantId, inbox.channel, [row]), Infinity);
  }

  /** Which of the page's message ids the router has stored as inbound messages. */
  private async storedIds(tenantId: string, channel: string, rows: Row[]): Promise<Set<string>> {
    const ids = [...new Set(rows.flatMap((row) => messagesOf(row).map((m) => m.id)))];
    if (ids.length === 0) return new Set();
    const found = await this.prisma.message.findMany({
      where: { tenantId, channel, channelMessageId: { in: ids } },
      select: { channelMessageId: true },
    });
    return new Set(found.map((m) => m.channelMessageId));
  }
}

function viewOf(row: Row, stored: ReadonlySet<string>, rawChars: number): WebhookDeliveryView {
  return {
    id: row.id,
    inboxId: row.inboxId,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    outcome: row.outcome === 'dead_lettered' ? 'dead-lettered' : row.outcome,
    reason: row.reason,
    httpStatus: row.httpStatus,
    messages: messagesOf(row).map((m) => ({ ...m, stored: stored.has(m.id) })),
    statuses: Array.isArray(row.statuses) ? (row.statuses as unknown as DeliveredStatus[]) : [],
    rawBody: row.rawBody.length > rawChars ? row.rawBody.slice(0, rawChars) : row.rawBody,
    rawBodyTruncated: row.rawBody.length > rawChars,
  };
}

function messagesOf(row: Row): DeliveredMessage[] {
  return Array.isArray(row.messages) ? (row.messages as unknown as DeliveredMessage[]) : [];
}

/** Deliveries strictly older than the cursor's, in (receivedAt, id) order. */
function afterCursor(cursor: string | undefined): Prisma.WebhookDeliveryWhereInput {
  const key = decodeCursor(cursor);
  if (key === undefined) return {};
  const split = key.indexOf(SEPARATOR);
  const at = new Date(key.slice(0, split));
  const id = key.slice(split + 1);
  if (split < 0 || Number.isNaN(at.getTime()) || id.length === 0) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Invalid query parameters: check cursor', [
      { path: 'cursor', message: 'must be a cursor returned by a previous page' },
    ]);
  }
  return { OR: [{ receivedAt: { lt: at } }, { receivedAt: at, id: { lt: id } }] };
}
