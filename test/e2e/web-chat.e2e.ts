// Web chat end to end, on real Kafka and PostgreSQL and on the embedded default: a socket.io-client visitor (the widget's stand-in) and a
// socket.io-client agent chat both ways. The visitor sees their queue position and wait, then the agent who
// accepted; messages are acknowledged only once durable; replies, typing and delivery receipts flow both ways;
// a returning visitor resumes their conversation; wrong tokens and foreign origins are refused.
import { JwtService } from '@nestjs/jwt';
import { VisitorTokenService } from '@switchboard/channels-chat';
import { BUS, type Bus } from '@switchboard/messaging';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { VisitorClient } from '../support/visitor-client';

const SHOP = 'https://shop.example';

describe.each<Mode>(['kafka+postgres', 'embedded'])('web chat (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let inboxId: string;
  let alice: AgentClient;
  let aliceToken: string;

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60', CHAT_ORIGINS: SHOP });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 5 } }]);
    const inbox = await harness.prisma.inbox.create({
      data: { tenantId: tenant.id, channel: 'chat', name: 'Website', address: 'website' },
    });
    inboxId = inbox.id;
    aliceToken = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
    alice = await AgentClient.connect(harness.url, aliceToken);
  });

  afterAll(async () => {
    alice?.close();
    await harness?.close();
  });

  it('chats both ways: queue position, assignment, follow-ups, replies, typing, delivery; then resumes', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    expect(session).toMatchObject({ inboxId, resumed: false });
    const visitor = await VisitorClient.connect(harness.url, session.token, SHOP);
    expect(await visitor.next('ready')).toMatchObject({ visitorId: session.visitorId, conversationId: null });

    // No agent is available yet: the visitor waits, and is told where they stand.
    expect(await visitor.say('m-1', 'Hello, I need help with my order')).toMatchObject({ ok: true });
    const stored = await visitor.next('message.stored');
    const conversationId = stored.conversationId as string;
    const queue = await visitor.next('queue', (q) => q.conversationId === conversationId);
    expect(queue).toMatchObject({ position: 1 });
    expect(queue.estimatedWaitSeconds).toBeGreaterThan(0);

    // The agent becomes available, is offered the conversation, and accepts it.
    expect((await alice.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);
    expect(offer).toMatchObject({ channel: 'chat', preview: 'Hello, I need help with my order' });
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    expect(await visitor.next('assigned')).toMatchObject({
      conversationId,
      agent: { displayName: 'alice' },
    });

    // A follow-up reaches the agent live.
    expect(await visitor.say('m-2', 'It is order 1234')).toMatchObject({ ok: true });
    await alice.next(
      'message.received',
      (e) => e.conversationId === conversationId && e.body === 'It is order 1234',
    );

    // Typing, both ways.
    expect(await alice.socket.timeout(5000).emitWithAck('typing', { conversationId, typing: true })).toEqual({
      ok: true,
    });
    expect(await visitor.next('typing')).toMatchObject({ conversationId, typing: true });
    expect(await visitor.emit('typing', { typing: true })).toEqual({ ok: true });
    expect(await alice.next('visitor.typing')).toMatchObject({ conversationId, typing: true });

    // The agent replies; the visitor receives it and acknowledges it: sent, then delivered.
    const ack = await alice.command({
      type: 'conversation.reply',
      conversationId,
      body: 'Let me look at order 1234',
      clientMessageId: 'r-1',
    });
    expect(ack.ok).toBe(true);
    const reply = await visitor.next('reply', (r) => r.body === 'Let me look at order 1234');
    expect(reply.conversationId).toBe(conversationId);
    await alice.next('delivery.status', (e) => e.messageId === reply.messageId && e.status === 'sent');
    expect(await visitor.emit('receipt', { messageId: reply.messageId })).toEqual({ ok: true });
    await alice.next('delivery.status', (e) => e.messageId === reply.messageId && e.status === 'delivered');
    expect(await visitor.emit('receipt', { messageId: 'not-a-reply' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });

    // The visitor leaves and comes back with the same token: the same visitor, the same conversation.
    visitor.close();
    const renewed = await VisitorClient.session(harness.url, inboxId, session.token);
    expect(renewed).toMatchObject({ visitorId: session.visitorId, resumed: true });
    const back = await VisitorClient.connect(harness.url, renewed.token);
    expect(await back.next('ready')).toMatchObject({
      conversationId,
      status: 'assigned',
      agent: { displayName: 'alice' },
    });
    expect(await back.say('m-3', 'I am back')).toMatchObject({ ok: true });
    await alice.next(
      'message.received',
      (e) => e.conversationId === conversationId && e.body === 'I am back',
    );
    back.close();
  });

  it('acknowledges only durable messages: bus down gives an error ack, and the resend is stored once', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    const bus = harness.app.get<Bus>(BUS);
    const publish = bus.publish.bind(bus);
    bus.publish = (topic, messages) =>
      topic === harness.config.topics.inbound
        ? Promise.reject(new Error('broker down'))
        : publish(topic, messages);
    try {
      expect(await visitor.say('d-1', 'Are you there?')).toMatchObject({ ok: false, code: 'UNAVAILABLE' });
    } finally {
      bus.publish = publish;
    }
    expect(await visitor.say('d-1', 'Are you there?')).toMatchObject({ ok: true });
    expect(await visitor.say('d-1', 'Are you there?')).toMatchObject({ ok: true });
    await visitor.next('message.stored');
    const channelMessageId = `${session.visitorId}:d-1`;
    // The duplicate went through the router too; give it the time to (not) store it.
    await expect
      .poll(async () => harness.prisma.message.count({ where: { channelMessageId } }), { timeout: 10_000 })
      .toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await harness.prisma.message.count({ where: { channelMessageId } })).toBe(1);
    visitor.close();
  });

  it('refuses forged, expired and console tokens on /visitors, and visitor tokens on /agents and REST', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    await expect(VisitorClient.connect(harness.url, `${session.token}x`)).rejects.toThrow(/UNAUTHENTICATED/);
    const expired = await new VisitorTokenService(harness.config.jwt.secret, -60).issue(tenant.id, inboxId);
    await expect(VisitorClient.connect(harness.url, expired.token)).rejects.toThrow(/UNAUTHENTICATED/);
    await expect(VisitorClient.connect(harness.url, aliceToken)).rejects.toThrow(/UNAUTHENTICATED/);
    const forged = await new JwtService({ secret: harness.config.jwt.secret }).signAsync(
      { tid: tenant.id, iid: inboxId },
      { subject: 'someone', audience: 'switchboard:visitor' },
    );
    await expect(VisitorClient.connect(harness.url, forged)).rejects.toThrow(/UNAUTHENTICATED/);

    await expect(AgentClient.connect(harness.url, session.token)).rejects.toThrow(/UNAUTHENTICATED/);
    const rest = await fetch(`${harness.url}/v1/conversations`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(rest.status).toBe(401);
    const unknownInbox = await fetch(`${harness.url}/v1/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inboxId: '01900000-0000-7000-8000-000000000000' }),
    });
    expect(unknownInbox.status).toBe(404);
  });

  it('applies the socket limits to visitors: an oversized message is refused with a reason', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    const ack = await visitor.say('big-1', 'x'.repeat(harness.config.sockets.maxMessageBytes + 1));
    expect(ack).toMatchObject({ ok: false, code: 'MESSAGE_TOO_LARGE' });
    await visitor.next('limit.exceeded');
    visitor.close();
  });

  it('refuses a foreign origin at the /visitors handshake, and a chat-only origin on /agents', async () => {
    const session = await VisitorClient.session(harness.url, inboxId);
    // The transport refuses a foreign origin before any namespace is reached (HTTP 403, with the reason).
    await expect(VisitorClient.connect(harness.url, session.token, 'https://evil.example')).rejects.toThrow();
    const refused = await fetch(`${harness.url}/socket.io/?EIO=4&transport=polling`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/^ORIGIN_NOT_ALLOWED/);
    // A site listed in CHAT_ORIGINS may open a visitor socket, but not an agent socket.
    (await VisitorClient.connect(harness.url, session.token, SHOP)).close();
    const agentFromShop = io(`${harness.url}/agents`, {
      auth: { token: aliceToken },
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: SHOP },
    });
    const error = await new Promise<Error>((resolve) => agentFromShop.once('connect_error', resolve));
    agentFromShop.close();
    expect(error.message).toMatch(/ORIGIN_NOT_ALLOWED/);
    const preflight = await fetch(`${harness.url}/v1/chat/sessions`, {
      method: 'OPTIONS',
      headers: { origin: SHOP, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('serves /widget.js and /widget/demo with their content types and a policy that lets them run', async () => {
    const script = await fetch(`${harness.url}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('cache-control')).toContain('max-age=');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await script.text()).toContain('/v1/chat/sessions');

    const demo = await fetch(`${harness.url}/widget/demo?inbox=${inboxId}`);
    expect(demo.status).toBe(200);
    expect(demo.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = demo.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src');
    expect(await demo.text()).toContain(`<script src="/widget.js" data-inbox="${inboxId}"`);
    // Without ?inbox the page embeds the demo tenant's seeded chat inbox (the embedded default seeds it),
    // and says how to name one when there is none.
    const seeded = await harness.prisma.inbox.findFirst({
      where: { channel: 'chat', tenant: { slug: 'demo' } },
    });
    const fallback = await (await fetch(`${harness.url}/widget/demo`)).text();
    expect(fallback).toContain(seeded ? `data-inbox="${seeded.id}"` : '?inbox=');
    if (mode === 'embedded') expect(seeded).not.toBeNull();

    const client = await fetch(`${harness.url}/socket.io/socket.io.min.js`);
    expect(client.status).toBe(200);
  });
});
