// Follow-ups are durable: the router is killed (SIGKILL) after a follow-up was set on a conversation that was
// then resolved, and again right after it fired. Each new router reloads the scheduled follow-ups from Postgres;
// the follow-up fires once, bringing the conversation back to its agent, and never again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { SplitStack } from '../support/split-stack';

describe('follow-ups across router restarts (separate processes)', () => {
  let stack: SplitStack;
  let tenant: TenantFixture;
  let agent: AgentClient;

  beforeAll(async () => {
    stack = await SplitStack.create('follow-up-restart', { OFFER_TIMEOUT_SECONDS: '120' });
    tenant = await createTenantFixture(stack.database.prisma, [{ name: 'alice', capacity: { chat: 2 } }]);
    await stack.startRouter();
    await stack.startGateway();
    const [fixture] = tenant.agents;
    const token = await AgentClient.login(stack.gatewayUrl, tenant.slug, fixture.email, fixture.password);
    agent = await AgentClient.connect(stack.gatewayUrl, token);
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'available', 30_000);
  }, 180_000);

  afterAll(async () => {
    agent?.close();
    await stack?.dispose();
  });

  it('fires a follow-up set before a crash once, and not again after a second crash', async () => {
    const response = await fetch(`${stack.gatewayUrl}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: 'restart-1',
        from: { address: 'restart-1@customers.test' },
        body: 'where is my parcel',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const offer = await agent.next('offer.created', () => true, 30_000);
    const conversationId = offer.conversationId as string;
    expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await agent.next('assignment.created', (e) => e.conversationId === conversationId, 30_000);
    const note = 'Did the parcel arrive?';
    const ack = await agent.command({ type: 'conversation.follow-up', conversationId, inMs: 8_000, note });
    expect(ack.ok).toBe(true);
    await agent.next('follow-up.scheduled', (e) => e.followUpId === ack.commandId, 30_000);
    expect((await agent.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
    await agent.next('conversation.resolved', (e) => e.conversationId === conversationId, 30_000);

    // Crash 1: before the follow-up is due. The tenant has no open work left, only the follow-up.
    await stack.killRouter();
    await stack.startRouter();
    const due = await agent.next('follow-up.due', (e) => e.followUpId === ack.commandId, 60_000);
    expect(due).toMatchObject({ conversationId, reopened: true, note });
    const back = await agent.next('offer.created', (e) => e.preview === note, 30_000);
    expect(back).toMatchObject({ conversationId, reason: { rule: 'sticky-preferred' } });

    // Crash 2: right after it fired; the next router must not fire it again.
    await stack.killRouter();
    await stack.startRouter();
    // A later event from the new router proves it has taken the tenant over. Until it has joined its group the
    // ack may not know the outcome (ADR 0027); the event is the proof either way.
    const away = await agent.command({ type: 'status.set', status: 'away' });
    expect(away.ok || away.code === 'OUTCOME_UNKNOWN').toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'away', 60_000);

    const { prisma } = stack.database;
    const rows = await prisma.followUp.findMany({ where: { conversationId } });
    expect(rows.map((r) => r.status)).toEqual(['fired']);
    const fired = await prisma.routingEvent.count({ where: { tenantId: tenant.id, type: 'follow-up.due' } });
    expect(fired).toBe(1);
    expect(agent.events.filter((e) => e.name === 'follow-up.due')).toHaveLength(1);
  });
});
