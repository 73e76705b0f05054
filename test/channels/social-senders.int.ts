// The social senders against a local HTTP server standing in for each platform: the request each one makes
// (path, bearer token, body), and how the platform's answers map onto the sender port (ids, permanent and
// retriable failures, Retry-After).
import {
  PermanentSendError,
  RetriableSendError,
  retryAfterMs,
  type ChannelSender,
} from '@switchboard/channels-core';
import { MetaSendApiSender, WhatsAppSender, XDmSender } from '@switchboard/channels-social';
import { OUTBOUND_MESSAGE_V1, type Channel, type OutboundMessageV1 } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryInboxSecretsReader } from '../../libs/channels/core/src/testing/memory-inbox-secrets.reader';
import { PlatformStandIn } from '../support/channels/platform-stand-in';

const message = (
  channel: Channel,
  to: string,
  extra: Partial<OutboundMessageV1> = {},
): OutboundMessageV1 => ({
  schema: OUTBOUND_MESSAGE_V1,
  tenantId: 'tenant-1',
  conversationId: 'conv-1',
  messageId: 'm1',
  agentId: 'alice',
  channel,
  inboxId: null,
  to: { address: to },
  threadKey: null,
  inReplyTo: null,
  subject: null,
  body: 'Hello there',
  html: null,
  createdAt: '2026-12-04T10:00:00.000Z',
  ...extra,
});

const secrets = new MemoryInboxSecretsReader()
  .add('tenant-1', 'whatsapp', { inboxId: 'wa', accountId: 'PHONE-1', accessToken: 'wa-token' })
  .add('tenant-1', 'messenger', { inboxId: 'fb', accountId: 'PAGE-1', accessToken: 'fb-token' })
  .add('tenant-1', 'instagram', { inboxId: 'ig', accountId: 'IGPAGE-1', accessToken: 'ig-token' })
  .add('tenant-1', 'x', { inboxId: 'x', accountId: 'XACCOUNT-1', accessToken: 'x-token' });

/** The recipient of a request to any of the four APIs. */
function recipientOf(request: { path: string; body: Record<string, unknown> }): string {
  const x = /\/dm_conversations\/with\/([^/]+)\/messages$/.exec(request.path);
  if (x) return decodeURIComponent(x[1]);
  if (typeof request.body.to === 'string') return request.body.to;
  return String((request.body.recipient as { id?: unknown } | undefined)?.id);
}

describe('social senders against a stand-in platform', () => {
  let platform: PlatformStandIn;
  let whatsapp: ChannelSender;
  let messenger: ChannelSender;
  let instagram: ChannelSender;
  let x: ChannelSender;

  beforeAll(async () => {
    platform = await PlatformStandIn.start(recipientOf, (id) => ({
      messages: [{ id: `wamid.${id}` }],
      message_id: `mid.${id}`,
      recipient_id: 'r',
      data: { dm_conversation_id: 'dmc', dm_event_id: `dm.${id}` },
    }));
    const deps = (path: string) => ({ baseUrl: `${platform.url}${path}`, secrets, timeoutMs: 2_000 });
    whatsapp = new WhatsAppSender(deps('/v21.0'));
    messenger = new MetaSendApiSender('messenger', deps('/v21.0'));
    instagram = new MetaSendApiSender('instagram', deps('/v21.0'));
    x = new XDmSender(deps(''));
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('WhatsApp: posts a text message from the phone-number id, quoting the customer’s message', async () => {
    const result = await whatsapp.send(message('whatsapp', '+15550001', { inReplyTo: 'wamid.in' }));
    expect(result).toEqual({
      providerMessageId: expect.stringMatching(/^wamid\./) as string,
      status: 'sent',
    });
    const [request] = platform.requestsFor('+15550001');
    expect(request).toMatchObject({ method: 'POST', path: '/v21.0/PHONE-1/messages' });
    expect(request.headers.authorization).toBe('Bearer wa-token');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+15550001',
      type: 'text',
      text: { body: 'Hello there', preview_url: false },
      context: { message_id: 'wamid.in' },
    });
  });

  it('Messenger and Instagram: post through the Send API from the inbox’s page', async () => {
    expect((await messenger.send(message('messenger', 'PSID-1'))).providerMessageId).toMatch(/^mid\./);
    expect((await instagram.send(message('instagram', 'IGSID-1'))).providerMessageId).toMatch(/^mid\./);
    const [fb] = platform.requestsFor('PSID-1');
    const [ig] = platform.requestsFor('IGSID-1');
    expect(fb.path).toBe('/v21.0/PAGE-1/messages');
    expect(fb.headers.authorization).toBe('Bearer fb-token');
    expect(fb.body).toEqual({
      recipient: { id: 'PSID-1' },
      messaging_type: 'RESPONSE',
      message: { text: 'Hello there' },
    });
    expect(ig.path).toBe('/v21.0/IGPAGE-1/messages');
    expect(ig.headers.authorization).toBe('Bearer ig-token');
  });

  it('X: posts a DM into the one-to-one conversation with the customer', async () => {
    const result = await x.send(message('x', '987654321'));
    expect(result.providerMessageId).toMatch(/^dm\./);
    const [request] = platform.requestsFor('987654321');
    expect(request.path).toBe('/2/dm_conversations/with/987654321/messages');
    expect(request.headers.authorization).toBe('Bearer x-token');
    expect(request.body).toEqual({ text: 'Hello there' });
  });

  it('maps a 4xx to a permanent failure that names the platform’s answer', async () => {
    platform.script('+15550400', [
      { status: 400, body: { error: { message: 'Recipient not on WhatsApp' } } },
    ]);
    const sent = whatsapp.send(message('whatsapp', '+15550400'));
    await expect(sent).rejects.toBeInstanceOf(PermanentSendError);
    await expect(sent).rejects.toThrow(/HTTP 400 .*Recipient not on WhatsApp/);
    platform.script('PSID-403', [{ status: 403 }]);
    await expect(messenger.send(message('messenger', 'PSID-403'))).rejects.toBeInstanceOf(PermanentSendError);
  });

  it('maps 429 to a retriable failure carrying Retry-After, and 5xx to a retriable one', async () => {
    platform.script('555', [{ status: 429, headers: { 'retry-after': '7' } }]);
    const limited = await x.send(message('x', '555')).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RetriableSendError);
    expect((limited as RetriableSendError).retryAfterMs).toBe(7_000);
    platform.script('+15550503', [{ status: 503 }]);
    const down = await whatsapp.send(message('whatsapp', '+15550503')).catch((error: unknown) => error);
    expect(down).toBeInstanceOf(RetriableSendError);
    expect((down as RetriableSendError).retryAfterMs).toBeUndefined();
  });

  it('maps an unreachable platform to a retriable failure', async () => {
    const closed = await PlatformStandIn.start(recipientOf, () => ({}));
    const url = closed.url;
    await closed.close();
    const sender = new WhatsAppSender({ baseUrl: url, secrets, timeoutMs: 2_000 });
    await expect(sender.send(message('whatsapp', '+1'))).rejects.toBeInstanceOf(RetriableSendError);
  });

  it('fails permanently, without calling the platform, when the inbox has no credentials', async () => {
    const before = platform.requests.length;
    const orphan = message('whatsapp', '+15550009', { tenantId: 'tenant-without-inbox' });
    await expect(whatsapp.send(orphan)).rejects.toThrow(/No whatsapp inbox with an access token/);
    expect(platform.requests).toHaveLength(before);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});
