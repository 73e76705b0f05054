// WebhookMediaFetcher against a local stand-in for the Graph API and CDNs, with a real directory blob store:
// the per-delivery budget, missing credentials, platform errors and a failing store each leave the attachment
// metadata-only with its reason, and the fetcher never throws.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDirectoryBlobStore, type BlobStore } from '@switchboard/channels-email';
import {
  createWebhookMediaCounter,
  MediaFetchError,
  MediaUrlGuard,
  mediaSourcesOf,
  WebhookMediaFetcher,
  type MediaFetcherDeps,
  type WebhookInbox,
} from '@switchboard/channels-webhooks';
import type { InboundContactV1 } from '@switchboard/contracts';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaStandIn } from '../support/channels/media-stand-in';

const inbox = (channel: WebhookInbox['channel'], accessToken?: string): WebhookInbox => ({
  inboxId: 'inbox-1',
  tenantId: 'tenant-1',
  channel,
  address: 'account-1',
  ...(accessToken ? { accessToken } : {}),
});

const contact = (channel: InboundContactV1['channel'], id: string, count: number): InboundContactV1 => ({
  schema: 'switchboard.inbound-contact.v1',
  tenantId: 'tenant-1',
  channel,
  channelMessageId: id,
  from: { address: 'customer-1' },
  body: '[image]',
  sentAt: '2026-12-04T10:00:00.000Z',
  receivedAt: '2026-12-04T10:00:00.000Z',
  attachments: Array.from({ length: count }, (_, i) => ({
    name: `image-${i + 1}`,
    contentType: 'image/*',
    sizeBytes: 0,
  })),
});

describe('WebhookMediaFetcher', () => {
  let platform: MediaStandIn;
  let dir: string;
  let blobs: LocalDirectoryBlobStore;
  const registry = new Registry();
  const fetched = createWebhookMediaCounter(registry);

  beforeAll(async () => {
    platform = await MediaStandIn.start();
    dir = await mkdtemp(join(tmpdir(), 'sb-media-'));
    blobs = new LocalDirectoryBlobStore(dir, 1024);
  });
  afterAll(async () => {
    await platform?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const fetcher = (deps: Partial<MediaFetcherDeps> = {}) =>
    new WebhookMediaFetcher({
      blobs,
      whatsappBaseUrl: `${platform.url}/graph`,
      maxBytes: 1024,
      // The stand-in platform is plain HTTP on loopback.
      urlGuard: new MediaUrlGuard({ allowHttp: true, allowPrivateAddresses: true }),
      fetchTimeoutMs: 10_000,
      budgetMs: 10_000,
      logger: pino({ level: 'silent' }),
      fetched,
      ...deps,
    });

  it('fetches nothing the URL guard refuses: not the URL, not a redirect, and the token stays on its host', async () => {
    const png = { kind: 'bytes' as const, content: Buffer.from('png'), contentType: 'image/png' };
    // One host is spelt two ways, so a redirect between them crosses hosts.
    const otherHost = platform.url.replace('127.0.0.1', 'localhost');
    platform
      .route('/cdn/to-secret', { kind: 'redirect', location: '/cdn/secret' })
      .route('/cdn/secret', png)
      .route('/cdn/to-other-host', { kind: 'redirect', location: `${otherHost}/cdn/elsewhere` })
      .route('/cdn/elsewhere', png);
    const guard = {
      check: (url: string) =>
        url.includes('/cdn/secret')
          ? Promise.reject(new MediaFetchError('platform-error', 'the media host is not a public address'))
          : Promise.resolve(),
    };
    const source = (path: string) => ({ kind: 'direct-url' as const, url: `${platform.url}${path}` });

    const kept = await fetcher({ urlGuard: guard }).keep(
      inbox('messenger', 'page-token'),
      [contact('messenger', 'm-guard', 3)],
      new Map([['m-guard', [source('/cdn/secret'), source('/cdn/to-secret'), source('/cdn/to-other-host')]]]),
    );

    const outcomes = kept.contacts[0].attachments?.map((a) => a.fetchError?.message ?? a.blobId ?? '');
    expect(outcomes?.slice(0, 2)).toEqual([
      'the media host is not a public address',
      'the media host is not a public address',
    ]);
    expect(kept.contacts[0].attachments?.[2].fetchError).toBeUndefined();
    expect(platform.requestsTo('/cdn/secret')).toEqual([]);
    expect(platform.requestsTo('/cdn/to-secret')).toHaveLength(1);
    expect(platform.requestsTo('/cdn/elsewhere')).toEqual([
      { path: '/cdn/elsewhere', authorization: undefined },
    ]);
  });

  it('refuses loopback media by default, before any request', async () => {
    platform.route('/cdn/local', { kind: 'bytes', content: Buffer.from('x'), contentType: 'image/png' });
    const kept = await fetcher({
      urlGuard: new MediaUrlGuard({ allowHttp: true, allowPrivateAddresses: false }),
    }).keep(
      inbox('messenger'),
      [contact('messenger', 'm-local', 1)],
      new Map([['m-local', [{ kind: 'direct-url' as const, url: `${platform.url}/cdn/local` }]]]),
    );
    expect(kept.contacts[0].attachments?.[0].fetchError?.message).toMatch(/not a public address/);
    expect(platform.requestsTo('/cdn/local')).toEqual([]);
  });

  it("stops at the delivery's budget: the fetch in flight is aborted and the next is never started", async () => {
    platform.route('/cdn/slow-1', { kind: 'hang' }).route('/cdn/slow-2', { kind: 'hang' });
    const urls = ['slow-1', 'slow-2'].map((p) => `${platform.url}/cdn/${p}`);
    const sources = mediaSourcesOf(
      'messenger',
      urls.map((url) => ({ name: 'i', contentType: 'image/*', sizeBytes: 0, url })),
    );

    const kept = await fetcher({ budgetMs: 300 }).keep(
      inbox('messenger'),
      [contact('messenger', 'm-slow', 2)],
      new Map([['m-slow', sources]]),
    );

    expect(kept.contacts[0].attachments?.map((a) => a.fetchError?.code)).toEqual([
      'budget-exhausted',
      'budget-exhausted',
    ]);
    expect(platform.requestsTo('/cdn/slow-1')).toHaveLength(1);
    expect(platform.requestsTo('/cdn/slow-2')).toEqual([]);
    expect(kept.media.get('m-slow')?.map((m) => m.fetchError?.code)).toEqual([
      'budget-exhausted',
      'budget-exhausted',
    ]);
    const counted = await fetched.get();
    expect(counted.values).toContainEqual(
      expect.objectContaining({ labels: { channel: 'messenger', outcome: 'budget-exhausted' }, value: 2 }),
    );
  });

  it('times out a media lookup that never answers, within the per-medium timeout', async () => {
    platform.route('/graph/media-hang', { kind: 'hang' });
    const kept = await fetcher({ fetchTimeoutMs: 200 }).keep(
      inbox('whatsapp', 'token'),
      [contact('whatsapp', 'wamid.hang', 1)],
      new Map([['wamid.hang', [{ kind: 'whatsapp-media' as const, mediaId: 'media-hang' }]]]),
    );
    expect(kept.contacts[0].attachments?.[0].fetchError).toEqual({
      code: 'timeout',
      message: 'no complete answer within 200 ms',
    });
    expect(platform.requestsTo('/graph/media-hang')).toHaveLength(1);
  });

  it('asks nothing of the platform for a WhatsApp inbox without an access token', async () => {
    const kept = await fetcher().keep(
      inbox('whatsapp'),
      [contact('whatsapp', 'wamid.nocreds', 1)],
      new Map([['wamid.nocreds', [{ kind: 'whatsapp-media' as const, mediaId: 'media-nocreds' }]]]),
    );
    expect(kept.contacts[0].attachments?.[0].fetchError?.code).toBe('no-credentials');
    expect(platform.requestsTo('/graph/media-nocreds')).toEqual([]);
  });

  it("names the platform's error status, and a failing store, as reasons", async () => {
    platform.route('/graph/media-500', { kind: 'status', status: 500 });
    platform.route('/cdn/fine', { kind: 'bytes', content: Buffer.from('ok'), contentType: 'image/png' });
    const broken: BlobStore = {
      ...blobs,
      put: () => Promise.reject(new Error('disk full')),
      putStream: () => Promise.reject(new Error('disk full')),
      stat: () => Promise.resolve(undefined),
      get: () => Promise.resolve(undefined),
    };

    const platformError = await fetcher().keep(
      inbox('whatsapp', 'token'),
      [contact('whatsapp', 'wamid.500', 1)],
      new Map([['wamid.500', [{ kind: 'whatsapp-media' as const, mediaId: 'media-500' }]]]),
    );
    const storeError = await fetcher({ blobs: broken }).keep(
      inbox('messenger'),
      [contact('messenger', 'm-disk', 1)],
      new Map([['m-disk', [{ kind: 'direct-url' as const, url: `${platform.url}/cdn/fine` }]]]),
    );

    expect(platformError.contacts[0].attachments?.[0].fetchError).toMatchObject({
      code: 'platform-error',
      message: expect.stringContaining('HTTP 500') as unknown,
    });
    expect(storeError.contacts[0].attachments?.[0].fetchError).toEqual({
      code: 'storage-failed',
      message: 'disk full',
    });
  });

  it('passes through attachments it has no source for, and messages without media', async () => {
    const x = contact('x', 'dm-1', 1);
    const text = { ...contact('x', 'dm-2', 0), attachments: undefined };
    const kept = await fetcher().keep(inbox('x'), [x, text], new Map([['dm-1', [undefined]]]));
    expect(kept.contacts).toEqual([x, text]);
    expect(kept.media.size).toBe(0);
  });
});
