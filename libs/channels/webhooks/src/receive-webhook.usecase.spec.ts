import { LocalDirectoryBlobStore } from '@switchboard/channels-email';
import { loadConfig } from '@switchboard/config';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { IngestAdmissionGate } from '@switchboard/gateway-api';
import type { Bus, OutgoingMessage } from '@switchboard/messaging';
import { createHmac } from 'node:crypto';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { ClaimRef, DeliveryRecord, WebhookDeliveries } from './deliveries/webhook-deliveries.repository';
import { MediaUrlGuard } from './media/media-url.guard';
import { WebhookMediaFetcher } from './media/webhook-media.fetcher';
import { createWebhookMediaCounter } from './media/webhook-media.metrics';
import { ReceiveWebhook, WEBHOOK_RETRY_AFTER_MS, type WebhookPost } from './receive-webhook.usecase';
import { MemoryWebhookSecretsReader } from './testing/memory-webhook-secrets.reader';
import { WebhookInboxes } from './webhook-inboxes.service';

const inbox = {
  inboxId: 'inbox-1',
  tenantId: 't1',
  channel: 'whatsapp' as const,
  address: 'pn-1',
  appSecret: 'secret',
};

function whatsApp(ids: string[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      entry: [
        {
          changes: [
            {
              value: {
                metadata: { phone_number_id: 'pn-1' },
                messages: ids.map((id) => ({ id, from: '3519', type: 'text', text: { body: 'hi' } })),
              },
            },
          ],
        },
      ],
    }),
  );
}

const post = (raw: Buffer, secret = 'secret'): WebhookPost => ({
  channel: 'whatsapp',
  inboxId: 'inbox-1',
  rawBody: raw,
  body: JSON.parse(raw.toString('utf8')) as unknown,
  signature: `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
});

function setup(options: { publish?: () => Promise<void>; claimed?: Set<string> } = {}) {
  const published: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
  const logged: DeliveryRecord[] = [];
  const released: ClaimRef[] = [];
  const bus = {
    publish: (topic: string, messages: OutgoingMessage[]) => {
      published.push({ topic, messages });
      return options.publish?.() ?? Promise.resolve();
    },
  } as unknown as Bus;
  const deliveries = {
    claim: (_t: string, _c: string, _d: string, ids: string[]) =>
      Promise.resolve(new Set(ids.filter((id) => !options.claimed?.has(id)))),
    release: (claim: ClaimRef) => Promise.resolve(void released.push(claim)),
    markPublished: () => Promise.resolve(),
    record: (record: DeliveryRecord) => Promise.resolve(void logged.push(record)),
  } as unknown as WebhookDeliveries;
  const admission = { admit: () => Promise.resolve() } as unknown as IngestAdmissionGate;
  const config = loadConfig({ PGLITE_DATA_DIR: 'memory://' });
  const inboxes = new WebhookInboxes(new MemoryWebhookSecretsReader().add(inbox));
  const logger = pino({ level: 'silent' });
  // These deliveries carry text only: the fetcher passes them through and never reaches its store.
  const media = new WebhookMediaFetcher({
    blobs: new LocalDirectoryBlobStore('/nonexistent/blobs', 1),
    whatsappBaseUrl: 'http://127.0.0.1:9',
    maxBytes: 1,
    urlGuard: new MediaUrlGuard({ allowHttp: false, allowPrivateAddresses: false }),
    fetchTimeoutMs: 100,
    budgetMs: 100,
    logger,
    fetched: createWebhookMediaCounter(new Registry()),
  });
  const usecase = new ReceiveWebhook(bus, config, admission, inboxes, deliveries, media, logger);
  return { usecase, published, logged, released, config };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('ReceiveWebhook', () => {
  it('publishes one record per new message and logs the delivery accepted', async () => {
    const { usecase, published, logged, config } = setup();
    const receipt = await usecase.execute(post(whatsApp(['wamid.1', 'wamid.2'])));
    expect(receipt.outcome).toBe('accepted');
    expect(published).toHaveLength(1);
    expect(published[0].topic).toBe(config.topics.inbound);
    expect(published[0].messages.map((m) => m.key)).toEqual(['t1', 't1']);
    expect(logged).toMatchObject([
      { outcome: 'accepted', httpStatus: 200, tenantId: 't1', inboxId: 'inbox-1' },
    ]);
  });

  it('refuses a bad signature with Unauthenticated, logged against the inbox, publishing nothing', async () => {
    const { usecase, published, logged } = setup();
    const error = await failure(usecase.execute(post(whatsApp(['wamid.1']), 'forged')));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.Unauthenticated);
    expect(published).toEqual([]);
    expect(logged).toMatchObject([{ outcome: 'refused', httpStatus: 401, tenantId: 't1' }]);
  });

  it('answers a redelivery of claimed ids as a duplicate, publishing nothing', async () => {
    const { usecase, published } = setup({ claimed: new Set(['wamid.1']) });
    const receipt = await usecase.execute(post(whatsApp(['wamid.1'])));
    expect(receipt).toMatchObject({
      outcome: 'duplicate',
      messages: [{ id: 'wamid.1', outcome: 'duplicate' }],
    });
    expect(published).toEqual([]);
  });

  it('releases the claims and answers Unavailable with a retry delay when the bus fails', async () => {
    const { usecase, released, logged } = setup({ publish: () => Promise.reject(new Error('broker down')) });
    const error = await failure(usecase.execute(post(whatsApp(['wamid.1']))));
    expect((error as DomainError).code).toBe(ErrorCode.Unavailable);
    expect((error as DomainError).retryAfterMs).toBe(WEBHOOK_RETRY_AFTER_MS);
    expect(released).toMatchObject([{ ids: ['wamid.1'] }]);
    expect(logged).toMatchObject([{ outcome: 'refused', httpStatus: 503 }]);
  });

  it('404s an inbox of another channel', async () => {
    const { usecase } = setup();
    const error = await failure(usecase.execute({ ...post(whatsApp([])), channel: 'messenger' }));
    expect((error as DomainError).code).toBe(ErrorCode.NotFound);
  });
});
