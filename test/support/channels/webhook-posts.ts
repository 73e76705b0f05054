// Builds and signs the platforms' webhook calls the way WhatsApp, Messenger, Instagram and X send them, and
// binds in-memory inboxes (with their secrets) to a running app in place of the inbox store.
import type { INestApplication } from '@nestjs/common';
import {
  WEBHOOK_SECRETS_READER,
  type WebhookInbox,
  type WebhookSecretsReader,
} from '@switchboard/channels-webhooks';
import { createHmac, randomUUID } from 'node:crypto';
import type { PrismaClient } from '@switchboard/persistence';
import { vi } from 'vitest';
import { MemoryWebhookSecretsReader } from '../../../libs/channels/webhooks/src/testing/memory-webhook-secrets.reader';

export const APP_SECRET = 'meta-app-secret';
export const VERIFY_TOKEN = 'meta-verify-token';
export const CONSUMER_SECRET = 'x-consumer-secret';

/** Answers the app's inbox lookups from memory (the inbox store's binding, in production). */
export function bindInboxes(app: INestApplication): MemoryWebhookSecretsReader {
  const memory = new MemoryWebhookSecretsReader();
  const reader = app.get<WebhookSecretsReader>(WEBHOOK_SECRETS_READER, { strict: false });
  vi.spyOn(reader, 'read').mockImplementation((id: string) => memory.read(id));
  return memory;
}

/**
 * Stores the inboxes' rows (with no sealed secrets: the in-memory reader supplies those), because records
 * naming an inbox are checked against the inbox store by the gateway and the router.
 */
export async function storeInboxes(prisma: PrismaClient, inboxes: readonly WebhookInbox[]): Promise<void> {
  for (const inbox of inboxes) {
    await prisma.inbox.create({
      data: {
        id: inbox.inboxId,
        tenantId: inbox.tenantId,
        channel: inbox.channel,
        name: `${inbox.channel} ${inbox.address}`,
        address: inbox.address,
      },
    });
  }
}

export function socialInbox(
  tenantId: string,
  channel: WebhookInbox['channel'],
  address: string,
): WebhookInbox {
  return {
    inboxId: randomUUID(),
    tenantId,
    channel,
    address,
    ...(channel === 'x'
      ? { consumerSecret: CONSUMER_SECRET }
      : { appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN }),
  };
}

export interface WebhookAnswer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

/** POSTs `body` (an object, or raw text) to the inbox's webhook, signed with `secret` unless `sign` is false. */
export async function postWebhook(
  baseUrl: string,
  inbox: WebhookInbox,
  body: unknown,
  options: { secret?: string; sign?: boolean; contentType?: string } = {},
): Promise<WebhookAnswer> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  if (options.sign !== false) {
    if (inbox.channel === 'x') {
      const secret = options.secret ?? CONSUMER_SECRET;
      headers['x-twitter-webhooks-signature'] =
        `sha256=${createHmac('sha256', secret).update(raw).digest('base64')}`;
    } else {
      const secret = options.secret ?? APP_SECRET;
      headers['x-hub-signature-256'] = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    }
  }
  const response = await fetch(`${baseUrl}/v1/channels/${inbox.channel}/${inbox.inboxId}/webhook`, {
    method: 'POST',
    headers,
    body: raw,
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export interface SocialMessage {
  id: string;
  from: string;
  text: string;
  name?: string;
}

export function whatsAppMessages(phoneNumberId: string, messages: SocialMessage[]): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
              contacts: messages.map((m) => ({ wa_id: m.from, profile: { name: m.name ?? m.from } })),
              messages: messages.map((m) => ({
                from: m.from,
                id: m.id,
                timestamp: String(Math.floor(Date.now() / 1000)),
                type: 'text',
                text: { body: m.text },
              })),
            },
          },
        ],
      },
    ],
  };
}

export function whatsAppStatuses(
  phoneNumberId: string,
  statuses: Array<{ id: string; status: string; recipient: string }>,
): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
              statuses: statuses.map((s) => ({
                id: s.id,
                status: s.status,
                timestamp: String(Math.floor(Date.now() / 1000)),
                recipient_id: s.recipient,
              })),
            },
          },
        ],
      },
    ],
  };
}

/** Messenger (`object: page`) and Instagram (`object: instagram`) share one shape. */
export function messengerMessages(
  object: 'page' | 'instagram',
  accountId: string,
  messages: SocialMessage[],
): unknown {
  return {
    object,
    entry: [
      {
        id: accountId,
        time: Date.now(),
        messaging: messages.map((m) => ({
          sender: { id: m.from },
          recipient: { id: accountId },
          timestamp: Date.now(),
          message: { mid: m.id, text: m.text },
        })),
      },
    ],
  };
}

export function xDirectMessages(accountId: string, messages: SocialMessage[]): unknown {
  return {
    for_user_id: accountId,
    direct_message_events: messages.map((m) => ({
      type: 'message_create',
      id: m.id,
      created_timestamp: String(Date.now()),
      message_create: {
        target: { recipient_id: accountId },
        sender_id: m.from,
        message_data: { text: m.text, entities: {} },
      },
    })),
    users: Object.fromEntries(
      messages.map((m) => [m.from, { id: m.from, name: m.name ?? m.from, screen_name: m.from }]),
    ),
  };
}

/** A WhatsApp image message: the media id only, as Meta sends it (the content is looked up by id). */
export function whatsAppImage(phoneNumberId: string, id: string, mediaId: string): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba-1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: phoneNumberId },
              contacts: [{ wa_id: '15551230000', profile: { name: 'Maria' } }],
              messages: [
                {
                  from: '15551230000',
                  id,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'image',
                  image: { id: mediaId, mime_type: 'image/jpeg', caption: 'the broken part' },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** A Messenger message carrying one image attachment by its CDN URL. */
export function messengerAttachment(pageId: string, mid: string, url: string): unknown {
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: 'psid-1' },
            recipient: { id: pageId },
            timestamp: Date.now(),
            message: { mid, attachments: [{ type: 'image', payload: { url } }] },
          },
        ],
      },
    ],
  };
}
