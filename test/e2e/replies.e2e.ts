// Agent replies end to end, on real Kafka and PostgreSQL and on the embedded default: a WhatsApp contact is offered and accepted, the agent
// replies over socket.io, the router stores the reply and the event outbox feeds the outbound topic, the
// dispatcher sends it with the real WhatsApp sender to a local stand-in for the Cloud API, and the agent's
// socket is pushed the delivery status. Retriable failures are retried; a refused send fails and is
// dead-lettered with its reason, without a retry.
import { ChannelSenderRegistry } from '@switchboard/channels-core';
import { WhatsAppSender } from '@switchboard/channels-social';
import { BUS, type Bus, type Subscription } from '@switchboard/messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryInboxSecretsReader } from '../../libs/channels/core/src/testing/memory-inbox-secrets.reader';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { whatsAppStandIn, type PlatformStandIn } from '../support/channels/platform-stand-in';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PHONE_NUMBER_ID = '109876543210';
const ACCESS_TOKEN = 'test-whatsapp-token';

describe.each<Mode>(['kafka+postgres', 'embedded'])('agent replies through WhatsApp (%s)', (mode) => {
  let harness: Harness;
  let platform: PlatformStandIn;
  let tenant: TenantFixture;
  let alice: AgentClient;
  let bob: AgentClient;
  let deadLetterSubscription: Subscription;
  const deadLetters: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    platform = await whatsAppStandIn();
    harness = await startHarness(mode, {
      OFFER_TIMEOUT_SECONDS: '60',
      OUTBOUND_RETRY_INITIAL_DELAY_MS: '50',
      OUTBOUND_RETRY_MAX_DELAY_MS: '200',
      OUTBOUND_MAX_ATTEMPTS: '5',
    });
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'alice', capacity: { social: 5 } },
      { name: 'bob', capacity: { social: 5 } },
    ]);
    // The real sender, pointed at the stand-in, with the inbox's credentials from an in-memory store.
    const secrets = new MemoryInboxSecretsReader().add(tenant.id, 'whatsapp', {
      inboxId: 'inbox-wa',
      accountId: PHONE_NUMBER_ID,
      accessToken: ACCESS_TOKEN,
    });
    harness.app
      .get(ChannelSenderRegistry, { strict: false })
      .register(new WhatsAppSender({ baseUrl: `${platform.url}/v21.0`, secrets, timeoutMs: 5000 }));
    const bus = harness.app.get<Bus>(BUS);
    deadLetterSubscription = await bus.subscribe({
      groupId: `dlq-reader-${tenant.slug}`,
      topics: [harness.config.topics.deadLetter],
      fromBeginning: true,
      handleBatch: (batch) => {
        for (const m of batch.messages)
          deadLetters.push(JSON.parse(m.value.toString()) as Record<string, unknown>);
        return Promise.resolve();
      },
    });
    const login = (i: number) =>
      AgentClient.login(harness.url, tenant.slug, tenant.agents[i].email, tenant.agents[i].password);
    alice = await AgentClient.connect(harness.url, await login(0));
    bob = await AgentClient.connect(harness.url, await login(1));
    expect((await alice.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await alice.next('agent.status-changed', (e) => e.status === 'available');
  });

  afterAll(async () => {
    alice?.close();
    bob?.close();
    await deadLetterSubscription?.close();
    await harness?.close();
    await platform?.close();
  });

  /** A customer writes on WhatsApp; alice is offered the conversation and accepts it. */
  async function assignedConversation(phone: string): Promise<{ conversationId: string; wamid: string }> {
    const wamid = `wamid.in-${phone}`;
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'whatsapp',
        channelMessageId: wamid,
        from: { address: phone },
        body: `Hi, this is ${phone}`,
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const offer = await alice.next('offer.created', (e) => e.preview === `Hi, this is ${phone}`);
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await alice.next('assignment.created', (e) => e.conversationId === offer.conversationId);
    return { conversationId: offer.conversationId as string, wamid };
  }

  async function reply(conversationId: string, clientMessageId: string, body: string) {
    const ack = await alice.command({ type: 'conversation.reply', conversationId, body, clientMessageId });
    expect(ack.ok).toBe(true);
    return alice.next('reply.created', (e) => e.clientMessageId === clientMessageId);
  }

  it('sends a reply through the channel and pushes its delivery status; a resend is stored once', async () => {
    const phone = '+15550000001';
    const { conversationId, wamid } = await assignedConversation(phone);
    const created = await reply(conversationId, 'c-1', 'Thanks, looking into it');
    expect(created).toMatchObject({
      conversationId,
      agentId: tenant.agents[0].id,
      channel: 'whatsapp',
      status: 'queued',
    });

    const sent = await alice.next('delivery.status', (e) => e.messageId === created.messageId);
    expect(sent).toMatchObject({ status: 'sent', conversationId, agentId: tenant.agents[0].id });
    expect(String(sent.providerMessageId)).toMatch(/^wamid\./);

    const [request] = platform.requestsFor(phone);
    expect(platform.requestsFor(phone)).toHaveLength(1);
    expect(request.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: phone,
      type: 'text',
      text: { body: 'Thanks, looking into it', preview_url: false },
      context: { message_id: wamid },
    });

    const row = await harness.prisma.message.findUniqueOrThrow({
      where: { id: created.messageId as string },
    });
    expect(row).toMatchObject({
      direction: 'outbound',
      channel: 'whatsapp',
      agentId: tenant.agents[0].id,
      body: 'Thanks, looking into it',
      deliveryStatus: 'sent',
      providerMessageId: sent.providerMessageId,
    });
    expect(row.deliveryStatusAt).toBeInstanceOf(Date);

    // The console resends c-1 (say, after a reconnect); c-2 behind it proves c-1's resend was processed.
    expect(
      (
        await alice.command({
          type: 'conversation.reply',
          conversationId,
          body: 'Thanks, looking into it',
          clientMessageId: 'c-1',
        })
      ).ok,
    ).toBe(true);
    await reply(conversationId, 'c-2', 'Second reply');
    expect(
      alice.events.filter((e) => e.name === 'reply.created' && e.payload.clientMessageId === 'c-1'),
    ).toHaveLength(1);
    const stored = await harness.prisma.message.count({ where: { conversationId, direction: 'outbound' } });
    expect(stored).toBe(2);
  });

  it('refuses a reply from an agent who does not hold the conversation', async () => {
    const { conversationId } = await assignedConversation('+15550000002');
    const ack = await bob.command({
      type: 'conversation.reply',
      conversationId,
      body: 'Not mine',
      clientMessageId: 'b-1',
    });
    // The ack carries the router's refusal (ADR 0027); the stored event says the same.
    expect(ack).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const rejected = await bob.next('command.rejected', (e) => e.commandId === ack.commandId);
    expect(rejected).toMatchObject({ code: 'FORBIDDEN' });
    expect(await harness.prisma.message.count({ where: { conversationId, direction: 'outbound' } })).toBe(0);
  });

  it('retries a send the platform fails with 503 and delivers it once', async () => {
    const phone = '+15550000003';
    platform.script(phone, [{ status: 503 }, { status: 503 }]);
    const { conversationId } = await assignedConversation(phone);
    const created = await reply(conversationId, 'r-1', 'Retried reply');
    const status = await alice.next('delivery.status', (e) => e.messageId === created.messageId);
    expect(status.status).toBe('sent');
    expect(platform.requestsFor(phone)).toHaveLength(3);
    const row = await harness.prisma.message.findUniqueOrThrow({
      where: { id: created.messageId as string },
    });
    expect(row.deliveryStatus).toBe('sent');
  });

  it('fails a send the platform refuses (400) without retrying, and dead-letters it with the reason', async () => {
    const phone = '+15550000004';
    platform.script(phone, [{ status: 400, body: { error: { message: 'Invalid recipient' } } }]);
    const { conversationId } = await assignedConversation(phone);
    const created = await reply(conversationId, 'p-1', 'Never delivered');
    const status = await alice.next('delivery.status', (e) => e.messageId === created.messageId);
    expect(status.status).toBe('failed');
    expect(String(status.reason)).toContain('HTTP 400');
    expect(String(status.reason)).toContain('Invalid recipient');
    expect(platform.requestsFor(phone)).toHaveLength(1);

    await expect
      .poll(() => deadLetters.find((d) => String(d.value).includes(String(created.messageId))), {
        timeout: 20_000,
      })
      .toMatchObject({ code: 'SEND_REFUSED', source: { topic: harness.config.topics.outbound } });
    const letter = deadLetters.find((d) => String(d.value).includes(String(created.messageId)));
    expect(String(letter?.reason)).toContain('Invalid recipient');

    const row = await harness.prisma.message.findUniqueOrThrow({
      where: { id: created.messageId as string },
    });
    expect(row.deliveryStatus).toBe('failed');
    expect(row.deliveryError).toContain('HTTP 400');
  });
});
