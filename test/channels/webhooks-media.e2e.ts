// Webhook media on Kafka and PostgreSQL, against a local stand-in for the Graph API and the platforms' CDNs:
// WhatsApp media fetched by id with the inbox token and downloadable by the tenant's agent only, a Messenger
// attachment fetched by URL, and every failure (oversized, stalled, checksum mismatch, 404) answered 200 with
// the message stored and the attachment's metadata carrying the reason, in the record and the delivery log.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookInbox } from '@switchboard/channels-webhooks';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { MediaStandIn } from '../support/channels/media-stand-in';
import {
  bindInboxes,
  messengerAttachment,
  postWebhook,
  socialInbox,
  storeInboxes,
  whatsAppImage,
} from '../support/channels/webhook-posts';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PHONE_NUMBER_ID = '106540352242922';
const PAGE_ID = '1122334455';
const TOKEN = 'wa-access-token';
const LIMIT = 4096;
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(1000)]);
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

interface StoredAttachment {
  name: string;
  contentType: string;
  sizeBytes: number;
  blobId?: string;
  fetchError?: { code: string; message: string };
}

interface AnsweredMessage {
  id: string;
  outcome: string;
  media?: Array<{ index: number; blobId?: string; fetchError?: { code: string } }>;
}

describe('webhook media (kafka+postgres)', () => {
  let harness: Harness;
  let platform: MediaStandIn;
  let tenant: TenantFixture;
  let whatsapp: WebhookInbox;
  let messenger: WebhookInbox;

  beforeAll(async () => {
    platform = await MediaStandIn.start();
    harness = await startHarness('kafka+postgres', {
      WHATSAPP_API_BASE_URL: `${platform.url}/v21.0`,
      BLOB_MAX_BYTES: String(LIMIT),
      WEBHOOK_MEDIA_FETCH_TIMEOUT_MS: '1000',
      // The stand-in CDN is plain HTTP on loopback, and Messenger's URLs travel in the record.
      ALLOW_HTTP_URLS: 'true',
      WEBHOOK_MEDIA_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice' }]);
    whatsapp = { ...socialInbox(tenant.id, 'whatsapp', PHONE_NUMBER_ID), accessToken: TOKEN };
    messenger = socialInbox(tenant.id, 'messenger', PAGE_ID);
    bindInboxes(harness.app).add(whatsapp).add(messenger);
    await storeInboxes(harness.prisma, [whatsapp, messenger]);
  });

  afterAll(async () => {
    await harness?.close();
    await platform?.close();
  });

  async function storedAttachments(channel: string, channelMessageId: string): Promise<StoredAttachment[]> {
    for (let i = 0; i < 100; i++) {
      const row = await harness.prisma.message.findFirst({
        where: { tenantId: tenant.id, channel, channelMessageId },
      });
      if (row) return row.attachments as unknown as StoredAttachment[];
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`message ${channelMessageId} was never stored`);
  }

  async function loggedMessages(inbox: WebhookInbox): Promise<AnsweredMessage[]> {
    const rows = await harness.prisma.webhookDelivery.findMany({ where: { inboxId: inbox.inboxId } });
    return rows.flatMap((row) => row.messages as unknown as AnsweredMessage[]);
  }

  /** Scripts the Graph API's lookup of `mediaId`, pointing at a CDN path of the stand-in. */
  function lookup(mediaId: string, fields: Record<string, unknown> = {}): string {
    const cdnPath = `/cdn/${mediaId}`;
    platform.route(`/v21.0/${mediaId}`, {
      kind: 'json',
      body: {
        messaging_product: 'whatsapp',
        url: `${platform.url}${cdnPath}`,
        mime_type: 'image/jpeg',
        sha256: sha256(JPEG),
        file_size: JPEG.length,
        id: mediaId,
        ...fields,
      },
    });
    return cdnPath;
  }

  it('fetches a WhatsApp image with the inbox token; the agent downloads it, another tenant gets 404', async () => {
    const cdnPath = lookup('media-ok');
    platform.route(cdnPath, { kind: 'bytes', content: JPEG, contentType: 'application/octet-stream' });

    const answer = await postWebhook(
      harness.url,
      whatsapp,
      whatsAppImage(PHONE_NUMBER_ID, 'wamid.img', 'media-ok'),
    );
    expect(answer.status).toBe(200);
    expect(platform.requestsTo('/v21.0/media-ok').map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);
    expect(platform.requestsTo(cdnPath).map((r) => r.authorization)).toEqual([`Bearer ${TOKEN}`]);

    const [attachment] = await storedAttachments('whatsapp', 'wamid.img');
    expect(attachment).toMatchObject({ contentType: 'image/jpeg', sizeBytes: JPEG.length });
    expect(attachment.fetchError).toBeUndefined();
    const blobId = attachment.blobId ?? '';
    expect(blobId).toMatch(/^[0-9a-f]{32}$/);
    expect((answer.body.messages as AnsweredMessage[])[0].media).toEqual([
      { index: 0, name: attachment.name, blobId },
    ]);

    const agent = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    const download = await fetch(`${harness.url}/v1/attachments/${blobId}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await download.arrayBuffer()).equals(JPEG)).toBe(true);

    const stranger = await ApiClient.as(
      harness.url,
      harness.prisma,
      await createTenantFixture(harness.prisma),
      'agent',
    );
    expect((await stranger.get(`/v1/attachments/${blobId}`)).status).toBe(404);

    // A redelivery is a duplicate: the medium is not downloaded again.
    const again = await postWebhook(
      harness.url,
      whatsapp,
      whatsAppImage(PHONE_NUMBER_ID, 'wamid.img', 'media-ok'),
    );
    expect(again.body).toMatchObject({ outcome: 'duplicate' });
    expect(platform.requestsTo('/v21.0/media-ok')).toHaveLength(1);
  });

  it('fetches a Messenger attachment by its URL, without our credentials, typed by the CDN', async () => {
    const png = randomBytes(700);
    platform.route('/cdn/messenger.png', { kind: 'bytes', content: png, contentType: 'image/png' });
    const url = `${platform.url}/cdn/messenger.png`;

    const answer = await postWebhook(harness.url, messenger, messengerAttachment(PAGE_ID, 'm_att', url));
    expect(answer.status).toBe(200);
    expect(platform.requestsTo('/cdn/messenger.png').map((r) => r.authorization)).toEqual([undefined]);
    const [attachment] = await storedAttachments('messenger', 'm_att');
    expect(attachment).toMatchObject({ contentType: 'image/png', sizeBytes: png.length, url });
    const agent = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    const download = await fetch(`${harness.url}/v1/attachments/${attachment.blobId ?? ''}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses media over BLOB_MAX_BYTES, stated or streamed, and still accepts both messages with the reason', async () => {
    lookup('media-big', { file_size: LIMIT + 1 });
    platform.route('/cdn/endless.bin', {
      kind: 'bytes',
      content: randomBytes(LIMIT * 4),
      contentType: 'image/jpeg',
      declareLength: false,
    });

    const stated = await postWebhook(
      harness.url,
      whatsapp,
      whatsAppImage(PHONE_NUMBER_ID, 'wamid.big', 'media-big'),
    );
    const streamed = await postWebhook(
      harness.url,
      messenger,
      messengerAttachment(PAGE_ID, 'm_big', `${platform.url}/cdn/endless.bin`),
    );
    expect([stated.status, streamed.status]).toEqual([200, 200]);
    // The stated size alone refuses it: the content is never downloaded.
    expect(platform.requestsTo('/cdn/media-big')).toEqual([]);

    for (const [channel, id] of [
      ['whatsapp', 'wamid.big'],
      ['messenger', 'm_big'],
    ] as const) {
      const [attachment] = await storedAttachments(channel, id);
      expect(attachment.blobId).toBeUndefined();
      expect(attachment.fetchError).toMatchObject({ code: 'too-large' });
      expect(attachment.fetchError?.message).toContain(String(LIMIT));
    }
    const logged = [...(await loggedMessages(whatsapp)), ...(await loggedMessages(messenger))];
    expect(logged.filter((m) => ['wamid.big', 'm_big'].includes(m.id))).toEqual([
      expect.objectContaining({
        outcome: 'accepted',
        media: [
          expect.objectContaining({ fetchError: expect.objectContaining({ code: 'too-large' }) as unknown }),
        ],
      }),
      expect.objectContaining({
        outcome: 'accepted',
        media: [
          expect.objectContaining({ fetchError: expect.objectContaining({ code: 'too-large' }) as unknown }),
        ],
      }),
    ]);
  });

  it('gives up on a CDN that never answers after the fetch timeout, and accepts the message', async () => {
    const cdnPath = lookup('media-stalled');
    platform.route(cdnPath, { kind: 'hang' });

    const answer = await postWebhook(
      harness.url,
      whatsapp,
      whatsAppImage(PHONE_NUMBER_ID, 'wamid.stalled', 'media-stalled'),
    );
    expect(answer.status).toBe(200);
    expect(platform.requestsTo(cdnPath)).toHaveLength(1);
    const [attachment] = await storedAttachments('whatsapp', 'wamid.stalled');
    expect(attachment.fetchError).toEqual({ code: 'timeout', message: 'no complete answer within 1000 ms' });
  });

  it('refuses content whose sha256 is not the one the platform stated', async () => {
    const cdnPath = lookup('media-tampered', { sha256: sha256(Buffer.from('something else')) });
    platform.route(cdnPath, { kind: 'bytes', content: JPEG, contentType: 'image/jpeg' });

    const answer = await postWebhook(
      harness.url,
      whatsapp,
      whatsAppImage(PHONE_NUMBER_ID, 'wamid.tampered', 'media-tampered'),
    );
    expect(answer.status).toBe(200);
    expect(platform.requestsTo(cdnPath)).toHaveLength(1);
    const [attachment] = await storedAttachments('whatsapp', 'wamid.tampered');
    expect(attachment.blobId).toBeUndefined();
    expect(attachment.fetchError?.code).toBe('checksum-mismatch');
  });

  it('keeps the metadata with not-found when the platform no longer has the media', async () => {
    platform.route('/v21.0/media-gone', { kind: 'status', status: 404 });

    const answer = await postWebhook(
      harness.url,
      whatsapp,
      whatsAppImage(PHONE_NUMBER_ID, 'wamid.gone', 'media-gone'),
    );
    expect(answer.status).toBe(200);
    const [attachment] = await storedAttachments('whatsapp', 'wamid.gone');
    expect(attachment).toMatchObject({ name: 'image-media-gone', contentType: 'image/jpeg', sizeBytes: 0 });
    expect(attachment.fetchError).toMatchObject({ code: 'not-found' });
    expect(attachment.fetchError?.message).toContain('HTTP 404');

    // The admin's delivery log shows the message accepted, and why its medium was not kept.
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    const log = await admin.get<{ items: Array<{ messages: AnsweredMessage[] }> }>(
      `/v1/inboxes/${whatsapp.inboxId}/webhook-deliveries?limit=1`,
    );
    expect(log.body.items[0].messages).toEqual([
      expect.objectContaining({
        id: 'wamid.gone',
        outcome: 'accepted',
        media: [
          expect.objectContaining({
            index: 0,
            fetchError: expect.objectContaining({ code: 'not-found' }) as unknown,
          }),
        ],
      }),
    ]);
  });
});
