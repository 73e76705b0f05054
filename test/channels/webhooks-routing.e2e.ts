// WhatsApp through webhooks to an agent and back, on real Kafka and PostgreSQL: a message is offered, the
// follow-up joins the open conversation live, a duplicate storm is offered once, a reply's `statuses` update
// its delivery status on the agent's socket; and the admin delivery log (roles, tenants, outcome filter, the
// "stored" flag that explains "we answered 200 but nothing appeared").
import { ChannelSenderRegistry } from '@switchboard/channels-core';
import type { WebhookInbox } from '@switchboard/channels-webhooks';
import { WhatsAppSender } from '@switchboard/channels-social';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryInboxSecretsReader } from '../../libs/channels/core/src/testing/memory-inbox-secrets.reader';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { whatsAppStandIn, type PlatformStandIn } from '../support/channels/platform-stand-in';
import {
  bindInboxes,
  postWebhook,
  socialInbox,
  storeInboxes,
  whatsAppMessages,
  whatsAppStatuses,
} from '../support/channels/webhook-posts';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PHONE_NUMBER_ID = '106540352242922';

describe('WhatsApp webhooks to an agent and back (kafka+postgres)', () => {
  let harness: Harness;
  let platform: PlatformStandIn;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let inbox: WebhookInbox;
  let otherInbox: WebhookInbox;
  let alice: AgentClient;

  beforeAll(async () => {
    platform = await whatsAppStandIn();
    harness = await startHarness('kafka+postgres', { OFFER_TIMEOUT_SECONDS: '60' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { social: 5 } }]);
    other = await createTenantFixture(harness.prisma, [{ name: 'oscar' }]);
    inbox = socialInbox(tenant.id, 'whatsapp', PHONE_NUMBER_ID);
    otherInbox = socialInbox(other.id, 'whatsapp', '200000000000001');
    bindInboxes(harness.app).add(inbox).add(otherInbox);
    await storeInboxes(harness.prisma, [inbox, otherInbox]);
    const secrets = new MemoryInboxSecretsReader().add(tenant.id, 'whatsapp', {
      inboxId: inbox.inboxId,
      accountId: PHONE_NUMBER_ID,
      accessToken: 'test-whatsapp-token',
    });
    harness.app
      .get(ChannelSenderRegistry, { strict: false })
      .register(new WhatsAppSender({ baseUrl: `${platform.url}/v21.0`, secrets, timeoutMs: 5000 }));
    const token = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
    alice = await AgentClient.connect(harness.url, token);
    expect((await alice.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await alice.next('agent.status-changed', (e) => e.status === 'available');
  });

  afterAll(async () => {
    alice?.close();
    await harness?.close();
    await platform?.close();
  });

  const send = (id: string, from: string, text: string) =>
    postWebhook(
      harness.url,
      inbox,
      whatsAppMessages(PHONE_NUMBER_ID, [{ id, from, text, name: 'Maria Silva' }]),
    );

  it('offers a WhatsApp message to the agent; the follow-up joins the conversation live; statuses reach the reply', async () => {
    expect((await send('wamid.first-1', '351910000001', 'Olá, preciso de ajuda')).status).toBe(200);
    const offer = await alice.next('offer.created', (e) => e.preview === 'Olá, preciso de ajuda');
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await alice.next('assignment.created', (e) => e.conversationId === offer.conversationId);
    const customer = await harness.prisma.customer.findFirstOrThrow({
      where: { tenantId: tenant.id, identities: { some: { channel: 'whatsapp', address: '351910000001' } } },
    });
    expect(customer.displayName).toBe('Maria Silva');

    expect((await send('wamid.first-2', '351910000001', 'Ainda está aí?')).status).toBe(200);
    const followUp = await alice.next('message.received', (e) => e.body === 'Ainda está aí?');
    expect(followUp.conversationId).toBe(offer.conversationId);

    const ack = await alice.command({
      type: 'conversation.reply',
      conversationId: offer.conversationId,
      body: 'Sim, diga',
      clientMessageId: 'wa-reply-1',
    });
    expect(ack.ok).toBe(true);
    const created = await alice.next('reply.created', (e) => e.clientMessageId === 'wa-reply-1');
    const sent = await alice.next(
      'delivery.status',
      (e) => e.messageId === created.messageId && e.status === 'sent',
    );
    const wamid = String(sent.providerMessageId);

    const statuses = await postWebhook(
      harness.url,
      inbox,
      whatsAppStatuses(PHONE_NUMBER_ID, [{ id: wamid, status: 'delivered', recipient: '351910000001' }]),
    );
    expect(statuses.status).toBe(200);
    expect(statuses.body).toMatchObject({ outcome: 'accepted', messages: [] });
    await alice.next('delivery.status', (e) => e.messageId === created.messageId && e.status === 'delivered');
    const row = await harness.prisma.message.findUniqueOrThrow({
      where: { id: created.messageId as string },
    });
    expect(row.deliveryStatus).toBe('delivered');
  });

  it('offers a storm of 20 concurrent duplicates once', async () => {
    const body = whatsAppMessages(PHONE_NUMBER_ID, [
      { id: 'wamid.storm-r', from: '351910000002', text: 'Tempestade' },
    ]);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postWebhook(harness.url, inbox, body)),
    );
    expect(answers.map((a) => a.body.outcome).sort()).toEqual([
      'accepted',
      ...Array<string>(19).fill('duplicate'),
    ]);
    const offer = await alice.next('offer.created', (e) => e.preview === 'Tempestade');
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      alice.events.filter((e) => e.name === 'offer.created' && e.payload.preview === 'Tempestade'),
    ).toHaveLength(1);
    expect(
      await harness.prisma.offer.count({ where: { conversationId: offer.conversationId as string } }),
    ).toBe(1);
    expect(await harness.prisma.message.count({ where: { channelMessageId: 'wamid.storm-r' } })).toBe(1);
  });

  describe('the delivery log (GET /v1/inboxes/:inboxId/webhook-deliveries)', () => {
    const path = (id: string, query = '') => `/v1/inboxes/${id}/webhook-deliveries${query}`;

    it('is for admins only', async () => {
      for (const role of ['agent', 'supervisor'] as const) {
        const client = await ApiClient.as(harness.url, harness.prisma, tenant, role);
        expect((await client.get(path(inbox.inboxId))).status).toBe(403);
      }
      expect((await ApiClient.anonymous(harness.url).get(path(inbox.inboxId))).status).toBe(401);
    });

    it("shows the tenant's own inboxes only: another tenant's inbox is a 404", async () => {
      const admin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
      expect((await admin.get(path(inbox.inboxId))).status).toBe(404);
      const own = await admin.get<{ items: unknown[] }>(path(otherInbox.inboxId));
      expect(own.status).toBe(200);
      expect(own.body.items).toEqual([]);
    });

    it('lists newest first with outcomes, message ids and whether each was stored; filters and pages', async () => {
      await postWebhook(harness.url, inbox, whatsAppMessages(PHONE_NUMBER_ID, []), { secret: 'forged' });
      const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
      type Item = {
        outcome: string;
        reason: string | null;
        receivedAt: string;
        messages: Array<{ id: string; stored: boolean }>;
      };
      const page = await admin.get<{ items: Item[]; nextCursor: string | null }>(
        path(inbox.inboxId, '?limit=200'),
      );
      expect(page.status).toBe(200);
      const items = page.body.items;
      expect(items[0]).toMatchObject({
        outcome: 'refused',
        reason: expect.stringContaining('signature') as unknown,
      });
      const times = items.map((i) => i.receivedAt);
      expect([...times].sort().reverse()).toEqual(times);
      const first = items.find((i) => i.messages.some((m) => m.id === 'wamid.first-1'));
      expect(first).toMatchObject({ outcome: 'accepted', messages: [{ id: 'wamid.first-1', stored: true }] });

      const duplicates = await admin.get<{ items: Item[] }>(
        path(inbox.inboxId, '?outcome=duplicate&limit=200'),
      );
      expect(duplicates.body.items).toHaveLength(19);
      expect(duplicates.body.items.every((i) => i.outcome === 'duplicate' && i.messages[0].stored)).toBe(
        true,
      );

      const firstPage = await admin.get<{ items: Item[]; nextCursor: string }>(
        path(inbox.inboxId, '?limit=2'),
      );
      expect(firstPage.body.items).toHaveLength(2);
      const next = await admin.get<{ items: Item[] }>(
        path(inbox.inboxId, `?limit=2&cursor=${firstPage.body.nextCursor}`),
      );
      expect(next.body.items[0].receivedAt <= firstPage.body.items[1].receivedAt).toBe(true);
      expect((await admin.get(path(inbox.inboxId, '?outcome=lost'))).status).toBe(400);

      const refused = items[0] as Item & { id: string; rawBodyTruncated: boolean };
      const one = await admin.get<{ rawBody: string; rawBodyTruncated: boolean }>(
        `/v1/inboxes/${inbox.inboxId}/webhook-deliveries/${refused.id}`,
      );
      expect(one.status).toBe(200);
      expect(JSON.parse(one.body.rawBody)).toMatchObject({ object: 'whatsapp_business_account' });
      expect(one.body.rawBodyTruncated).toBe(false);
      const otherAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
      expect(
        (await otherAdmin.get(`/v1/inboxes/${inbox.inboxId}/webhook-deliveries/${refused.id}`)).status,
      ).toBe(404);
      expect((await admin.get(`/v1/inboxes/${inbox.inboxId}/webhook-deliveries/%00`)).status).toBe(404);
    });
  });
});
