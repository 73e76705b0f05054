// Inbound webhooks on real Kafka and PostgreSQL and on the embedded default: the platforms' subscription checks, signed and badly signed
// deliveries for every platform, bad input (never a 500), a duplicate storm that stores and routes one
// message, and a bus outage answered with 503 whose retry is stored once. The delivery log shows each outcome.
import { BUS, type Bus } from '@switchboard/messaging';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebhookDeliveriesPruner, type WebhookInbox } from '@switchboard/channels-webhooks';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import {
  bindInboxes,
  CONSUMER_SECRET,
  messengerMessages,
  postWebhook,
  socialInbox,
  storeInboxes,
  VERIFY_TOKEN,
  whatsAppMessages,
  xDirectMessages,
  type SocialMessage,
} from '../support/channels/webhook-posts';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PHONE_NUMBER_ID = '106540352242922';
const PAGE_ID = '1122334455';
const IG_ACCOUNT_ID = '17841400000000001';
const X_ACCOUNT_ID = '9876543210';

describe.each<Mode>(['kafka+postgres', 'embedded'])('inbound webhooks (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let inboxes: Record<'whatsapp' | 'messenger' | 'instagram' | 'x', WebhookInbox>;

  beforeAll(async () => {
    harness = await startHarness(mode, { WEBHOOK_MAX_BODY_BYTES: '4096' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice' }]);
    const memory = bindInboxes(harness.app);
    inboxes = {
      whatsapp: socialInbox(tenant.id, 'whatsapp', PHONE_NUMBER_ID),
      messenger: socialInbox(tenant.id, 'messenger', PAGE_ID),
      instagram: socialInbox(tenant.id, 'instagram', IG_ACCOUNT_ID),
      x: socialInbox(tenant.id, 'x', X_ACCOUNT_ID),
    };
    for (const inbox of Object.values(inboxes)) memory.add(inbox);
    await storeInboxes(harness.prisma, Object.values(inboxes));
  });

  afterAll(async () => {
    await harness?.close();
  });

  const payloadFor = (inbox: WebhookInbox, messages: SocialMessage[]): unknown => {
    if (inbox.channel === 'whatsapp') return whatsAppMessages(inbox.address, messages);
    if (inbox.channel === 'messenger') return messengerMessages('page', inbox.address, messages);
    if (inbox.channel === 'instagram') return messengerMessages('instagram', inbox.address, messages);
    return xDirectMessages(inbox.address, messages);
  };

  async function storedMessage(channel: string, channelMessageId: string) {
    for (let i = 0; i < 100; i++) {
      const row = await harness.prisma.message.findFirst({
        where: { tenantId: tenant.id, channel, channelMessageId },
      });
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`message ${channelMessageId} was never stored`);
  }

  const deliveriesOf = (inbox: WebhookInbox) =>
    harness.prisma.webhookDelivery.findMany({
      where: { inboxId: inbox.inboxId },
      orderBy: { receivedAt: 'asc' },
    });

  describe('subscription checks', () => {
    const get = (inbox: WebhookInbox, query: string) =>
      fetch(`${harness.url}/v1/channels/${inbox.channel}/${inbox.inboxId}/webhook?${query}`);

    it.each(['whatsapp', 'messenger', 'instagram'] as const)(
      '%s: echoes hub.challenge for the verify token',
      async (channel) => {
        const ok = await get(
          inboxes[channel],
          `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
        );
        expect(ok.status).toBe(200);
        expect(await ok.text()).toBe('1158201444');
        const wrong = await get(
          inboxes[channel],
          'hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
        );
        expect(wrong.status).toBe(403);
        expect(wrong.headers.get('content-type')).toContain('application/problem+json');
      },
    );

    it('X: answers the CRC with the consumer secret', async () => {
      const response = await get(inboxes.x, 'crc_token=challenge-123');
      expect(response.status).toBe(200);
      const expected = `sha256=${createHmac('sha256', CONSUMER_SECRET).update('challenge-123').digest('base64')}`;
      expect(await response.json()).toEqual({ response_token: expected });
    });

    it('404s an unknown inbox and an inbox of another channel, naming the inbox id', async () => {
      const unknown = await fetch(
        `${harness.url}/v1/channels/whatsapp/01900000-0000-7000-8000-000000000000/webhook?hub.mode=subscribe`,
      );
      expect(unknown.status).toBe(404);
      const other = await fetch(`${harness.url}/v1/channels/messenger/${inboxes.whatsapp.inboxId}/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(other.status).toBe(404);
      const problem = (await other.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors[0].path).toBe('inboxId');
    });
  });

  describe.each(['whatsapp', 'messenger', 'instagram', 'x'] as const)('%s deliveries', (channel) => {
    it('stores a signed message with its sender; refuses a badly signed or unsigned one with 401', async () => {
      const inbox = inboxes[channel];
      const message = {
        id: `${channel}-mid-1`,
        from: `${channel}-customer-1`,
        text: `Hello from ${channel}`,
        name: 'Dana',
      };
      const forged = await postWebhook(harness.url, inbox, payloadFor(inbox, [message]), {
        secret: 'not-the-secret',
      });
      expect(forged.status).toBe(401);
      expect(forged.type).toContain('application/problem+json');
      expect(
        (await postWebhook(harness.url, inbox, payloadFor(inbox, [message]), { sign: false })).status,
      ).toBe(401);

      const signed = await postWebhook(harness.url, inbox, payloadFor(inbox, [message]));
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({
        outcome: 'accepted',
        messages: [{ id: message.id, outcome: 'accepted' }],
      });
      const stored = await storedMessage(channel, message.id);
      expect(stored).toMatchObject({ direction: 'inbound', body: `Hello from ${channel}` });
      const identity = await harness.prisma.customerIdentity.findFirst({
        where: { tenantId: tenant.id, channel },
      });
      expect(identity?.address).toBe(message.from);

      const log = await deliveriesOf(inbox);
      expect(log.map((d) => [d.outcome, d.httpStatus])).toEqual([
        ['refused', 401],
        ['refused', 401],
        ['accepted', 200],
      ]);
      expect(log[0].reason).toContain('signature does not match');
      expect(log[1].reason).toContain('signature header missing');
      expect(log[0].tenantId).toBe(tenant.id);
    });
  });

  it('answers 400 to malformed JSON and 413 to a body over WEBHOOK_MAX_BODY_BYTES, storing nothing', async () => {
    const inbox = inboxes.whatsapp;
    const before = (await deliveriesOf(inbox)).length;
    const malformed = await postWebhook(harness.url, inbox, '{"entry": [', {});
    expect(malformed.status).toBe(400);
    expect(malformed.type).toContain('application/problem+json');
    const big = whatsAppMessages(inbox.address, [
      { id: 'wamid.big', from: '15551230000', text: 'x'.repeat(5000) },
    ]);
    const tooLarge = await postWebhook(harness.url, inbox, big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.type).toContain('application/problem+json');
    expect((await deliveriesOf(inbox)).length).toBe(before);
  });

  it('dead-letters an entry that fails the inbound contract and accepts the rest of the batch', async () => {
    const inbox = inboxes.messenger;
    const answer = await postWebhook(
      harness.url,
      inbox,
      messengerMessages('page', inbox.address, [
        { id: 'm-ok-1', from: 'psid-7', text: 'fine' },
        { id: 'm-bad-1', from: 'p'.repeat(400), text: 'sender id too long' },
      ]),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('accepted');
    expect(answer.body.messages).toEqual([
      { id: 'm-ok-1', outcome: 'accepted' },
      expect.objectContaining({ id: 'm-bad-1', outcome: 'dead-lettered' }),
    ]);
    expect(String((answer.body.messages as Array<{ reason?: string }>)[1].reason)).toContain('from.address');
    await storedMessage('messenger', 'm-ok-1');
    expect(await harness.prisma.message.count({ where: { channelMessageId: 'm-bad-1' } })).toBe(0);
  });

  it('a duplicate storm (20 concurrent posts of one delivery) stores and routes one message: 1 accepted, 19 duplicate', async () => {
    const inbox = inboxes.whatsapp;
    const body = whatsAppMessages(inbox.address, [
      { id: 'wamid.storm-1', from: '15559990000', text: 'storm' },
    ]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postWebhook(harness.url, inbox, body)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.filter((a) => a.body.outcome === 'accepted')).toHaveLength(1);
    expect(answers.filter((a) => a.body.outcome === 'duplicate')).toHaveLength(19);
    const stored = await storedMessage('whatsapp', 'wamid.storm-1');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await harness.prisma.message.count({ where: { channelMessageId: 'wamid.storm-1' } })).toBe(1);
    expect(await harness.prisma.conversation.count({ where: { id: stored.conversationId } })).toBe(1);
    const routed = await harness.prisma.decisionLog.count({
      where: { conversationId: stored.conversationId },
    });
    expect(routed).toBeLessThanOrEqual(1);
    const log = await harness.prisma.webhookDelivery.groupBy({
      by: ['outcome'],
      where: { inboxId: inbox.inboxId, messages: { array_contains: [{ id: 'wamid.storm-1' }] } },
      _count: true,
    });
    expect(Object.fromEntries(log.map((g) => [g.outcome, g._count]))).toEqual({ accepted: 1, duplicate: 19 });
  });

  it('answers 503 with Retry-After while the bus is down; the redelivery is accepted and stored once', async () => {
    const inbox = inboxes.x;
    const body = xDirectMessages(inbox.address, [
      { id: 'dm-outage-1', from: '4242', text: 'are you there?' },
    ]);
    const publish = vi.spyOn(harness.app.get<Bus>(BUS), 'publish');
    try {
      publish.mockRejectedValueOnce(new Error('broker unreachable'));
      const down = await postWebhook(harness.url, inbox, body);
      expect(down.status).toBe(503);
      expect(down.type).toContain('application/problem+json');
      expect(Number(down.retryAfter)).toBeGreaterThan(0);
    } finally {
      publish.mockRestore();
    }
    const retried = await postWebhook(harness.url, inbox, body);
    expect(retried.status).toBe(200);
    expect(retried.body.outcome).toBe('accepted');
    expect((await postWebhook(harness.url, inbox, body)).body.outcome).toBe('duplicate');
    await storedMessage('x', 'dm-outage-1');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await harness.prisma.message.count({ where: { channelMessageId: 'dm-outage-1' } })).toBe(1);
    const log = (await deliveriesOf(inbox)).filter(
      (d) => JSON.stringify(d.messages).includes('dm-outage-1') || d.httpStatus === 503,
    );
    expect(log.map((d) => [d.outcome, d.httpStatus])).toEqual([
      ['refused', 503],
      ['accepted', 200],
      ['duplicate', 200],
    ]);
    expect(log[0].reason).toContain('bus unavailable');
  });

  it("ignores X's echo of the inbox's own DMs", async () => {
    const inbox = inboxes.x;
    const answer = await postWebhook(
      harness.url,
      inbox,
      xDirectMessages(inbox.address, [{ id: 'dm-own-1', from: X_ACCOUNT_ID, text: 'our own reply' }]),
    );
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toEqual([]);
  });

  it('prunes deliveries older than WEBHOOK_RETENTION_DAYS (7) and keeps the rest', async () => {
    const inbox = inboxes.instagram;
    const row = (id: string, daysAgo: number) => ({
      id,
      tenantId: tenant.id,
      inboxId: inbox.inboxId,
      channel: 'instagram',
      receivedAt: new Date(Date.now() - daysAgo * 86_400_000),
      outcome: 'accepted' as const,
      httpStatus: 200,
      rawBody: '{}',
    });
    await harness.prisma.webhookDelivery.createMany({
      data: [row('01900000-0000-7000-8000-00000000aa01', 8), row('01900000-0000-7000-8000-00000000aa02', 6)],
    });
    await harness.app.get(WebhookDeliveriesPruner, { strict: false }).runOnce();
    const left = await harness.prisma.webhookDelivery.findMany({
      where: { id: { in: ['01900000-0000-7000-8000-00000000aa01', '01900000-0000-7000-8000-00000000aa02'] } },
    });
    expect(left.map((d) => d.id)).toEqual(['01900000-0000-7000-8000-00000000aa02']);
  });
});
