// A WhatsApp inbox an admin creates over the API works end to end with what it stores, on both stacks: its
// secrets are sealed at rest, Meta's subscription check is answered with its verify token, a delivery signed
// with its app secret is accepted (a forged one refused) and offered to an agent, and the agent's reply
// reaches the WhatsApp stand-in from the inbox's phone-number id with its stored bearer token. Nothing here
// registers a sender or a secrets store of its own: it is the engine's wiring that is tested.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookInbox } from '@switchboard/channels-webhooks';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { whatsAppStandIn, type PlatformStandIn } from '../support/channels/platform-stand-in';
import { postWebhook, whatsAppMessages } from '../support/channels/webhook-posts';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PHONE_NUMBER_ID = '120000000042';
const ACCESS_TOKEN = 'EAAG-stored-token-0123456789';
const APP_SECRET = 'stored-app-secret-0123456789';
const VERIFY_TOKEN = 'stored-verify-0123';

describe.each<Mode>(['kafka+postgres', 'embedded'])('replies with the inbox store (%s)', (mode) => {
  let harness: Harness;
  let platform: PlatformStandIn;
  let tenant: TenantFixture;
  let agent: AgentClient;
  let inboxId: string;

  beforeAll(async () => {
    platform = await whatsAppStandIn();
    harness = await startHarness(mode, {
      WHATSAPP_API_BASE_URL: `${platform.url}/v21.0`,
      // A fixed key, so the PostgreSQL stack can seal secrets too.
      SECRETS_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'rui', capacity: { social: 3 } }]);
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    const created = await admin.post<{ id: string }>('/v1/inboxes', {
      channel: 'whatsapp',
      name: 'WhatsApp support',
      address: PHONE_NUMBER_ID,
      secrets: { accessToken: ACCESS_TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.id;
    const stored = await harness.prisma.inbox.findUniqueOrThrow({ where: { id: inboxId } });
    for (const secret of [ACCESS_TOKEN, APP_SECRET, VERIFY_TOKEN])
      expect(stored.secretsCiphertext).not.toContain(secret);

    const token = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
    agent = await AgentClient.connect(harness.url, token);
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'available');
  });

  afterAll(async () => {
    agent?.close();
    await harness?.close();
    await platform?.close();
  });

  it('verifies the subscription and takes signed deliveries with the stored secrets', async () => {
    const webhook = `${harness.url}/v1/channels/whatsapp/${inboxId}/webhook`;
    const challenge = await fetch(
      `${webhook}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=4242`,
    );
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toBe('4242');
    const wrong = await fetch(`${webhook}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);

    const inbox = {
      inboxId,
      tenantId: tenant.id,
      channel: 'whatsapp',
      address: PHONE_NUMBER_ID,
    } as WebhookInbox;
    const delivery = whatsAppMessages(PHONE_NUMBER_ID, [
      { id: 'wamid.webhook-stored-1', from: '15550000888', text: 'Hello from WhatsApp' },
    ]);
    expect((await postWebhook(harness.url, inbox, delivery, { secret: 'forged' })).status).toBe(401);
    expect((await postWebhook(harness.url, inbox, delivery, { secret: APP_SECRET })).status).toBe(200);
    const offer = await agent.next('offer.created');
    const conversation = await harness.prisma.conversation.findUniqueOrThrow({
      where: { id: offer.conversationId as string },
    });
    expect(conversation).toMatchObject({ channel: 'whatsapp', inboxId });
    expect((await agent.command({ type: 'offer.decline', offerId: offer.offerId })).ok).toBe(true);
    await agent.next('offer.closed', (e) => e.offerId === offer.offerId);
  });

  it('sends the reply from the inbox the conversation came through, with its stored token', async () => {
    const phone = '+15550000777';
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'whatsapp',
        inboxId,
        channelMessageId: 'wamid.stored-inbox-1',
        from: { address: phone },
        body: 'Is my order shipped?',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const offer = await agent.next('offer.created', (e) => e.preview === 'Is my order shipped?');
    expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await agent.next('assignment.created', (e) => e.conversationId === offer.conversationId);
    const conversation = await harness.prisma.conversation.findUniqueOrThrow({
      where: { id: offer.conversationId as string },
    });
    expect(conversation.inboxId).toBe(inboxId);

    const ack = await agent.command({
      type: 'conversation.reply',
      conversationId: offer.conversationId,
      body: 'Yes, it left this morning.',
      clientMessageId: 'rui-1',
    });
    expect(ack.ok).toBe(true);
    const created = await agent.next('reply.created', (e) => e.clientMessageId === 'rui-1');
    const status = await agent.next('delivery.status', (e) => e.messageId === created.messageId);
    expect(status).toMatchObject({ status: 'sent' });

    const requests = platform.requestsFor(phone);
    expect(requests).toHaveLength(1);
    expect(requests[0].path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(requests[0].headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(requests[0].body).toMatchObject({ to: phone, text: { body: 'Yes, it left this morning.' } });
  });
});
