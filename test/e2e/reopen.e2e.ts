// Reopening, end to end on both stacks: an agent resolves a conversation, the customer writes again within
// REOPEN_WINDOW_MINUTES and the same conversation comes back to that agent; past the window (a tiny one here)
// the customer's message opens a new conversation instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

/** 30 ms: any message sent after the test has seen the resolution land is outside it. */
const TINY_WINDOW_MINUTES = '0.0005';

interface Desk {
  harness: Harness;
  tenant: TenantFixture;
  agents: AgentClient[];
}

async function openDesk(mode: Mode, env: Record<string, string>): Promise<Desk> {
  const harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60', ...env });
  const tenant = await createTenantFixture(harness.prisma, [
    { name: 'alice', capacity: { chat: 2 } },
    { name: 'bob', capacity: { chat: 2 } },
  ]);
  const agents: AgentClient[] = [];
  for (const fixture of tenant.agents) {
    const token = await AgentClient.login(harness.url, tenant.slug, fixture.email, fixture.password);
    const agent = await AgentClient.connect(harness.url, token);
    agents.push(agent);
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'available');
  }
  return { harness, tenant, agents };
}

async function closeDesk(desk: Desk | undefined): Promise<void> {
  for (const agent of desk?.agents ?? []) agent.close();
  await desk?.harness.close();
}

async function send(desk: Desk, id: string, customer: string): Promise<void> {
  const response = await fetch(`${desk.harness.url}/v1/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': desk.tenant.apiKey },
    body: JSON.stringify({
      channel: 'chat',
      channelMessageId: id,
      from: { address: customer },
      body: `text of ${id}`,
      sentAt: new Date().toISOString(),
    }),
  });
  expect(response.status).toBe(202);
}

/** The offer of a message, to whichever agent it went. */
async function offerOf(desk: Desk, id: string) {
  const find = () => {
    for (const agent of desk.agents) {
      const found = agent.events.find(
        (e) => e.name === 'offer.created' && e.payload.preview === `text of ${id}`,
      );
      if (found) return { agent, offer: found.payload };
    }
    return undefined;
  };
  await expect.poll(find, { timeout: 20_000 }).toBeDefined();
  const offered = find();
  if (!offered) throw new Error(`no offer for ${id}`);
  return offered;
}

/** Sends the customer's first message; whichever agent is offered it accepts and then resolves it. */
async function handledAndResolved(desk: Desk, id: string, customer: string) {
  await send(desk, id, customer);
  const { agent, offer } = await offerOf(desk, id);
  const conversationId = offer.conversationId as string;
  expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
  await agent.next('assignment.created', (e) => e.conversationId === conversationId);
  expect((await agent.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
  await agent.next('conversation.resolved', (e) => e.conversationId === conversationId);
  await expect
    .poll(
      async () =>
        (await desk.harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status,
    )
    .toBe('resolved');
  return { agent, agentId: offer.agentId as string, conversationId };
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('reopening a resolved conversation (%s)', (mode) => {
  describe('within the window', () => {
    let desk: Desk;
    beforeAll(async () => {
      desk = await openDesk(mode, {});
    });
    afterAll(() => closeDesk(desk));

    it('reopens the same conversation and offers it to the agent who resolved it', async () => {
      const { agent, agentId, conversationId } = await handledAndResolved(desk, 'first', 'carol@example.com');
      await send(desk, 'again', 'carol@example.com');
      const { offer } = await offerOf(desk, 'again');
      // Chosen for being the previous agent, not by the queue's strategy over both.
      expect(offer).toMatchObject({ conversationId, agentId, reason: { rule: 'sticky-preferred' } });
      const { prisma } = desk.harness;
      const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      expect(conversation).toMatchObject({ status: 'offered', resolvedAt: null });
      // The customer's messages (the CSAT survey sent on resolution is the router's own, ADR 0025).
      const messages = await prisma.message.findMany({
        where: { conversationId, direction: 'inbound' },
        orderBy: { sentAt: 'asc' },
      });
      expect(messages.map((m) => m.channelMessageId)).toEqual(['first', 'again']);
      expect(await prisma.conversation.count({ where: { tenantId: desk.tenant.id } })).toBe(1);
      const reopened = await prisma.routingEvent.findMany({
        where: { tenantId: desk.tenant.id, type: 'conversation.reopened' },
      });
      expect(reopened.map((e) => e.payload)).toEqual([
        expect.objectContaining({ conversationId, previousAgentId: agentId }),
      ]);
      // Its new offer is numbered after the first one, and the agent can take it again.
      expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
      await agent.next('assignment.created', (e) => e.offerId === offer.offerId);
      expect(await prisma.assignment.count({ where: { conversationId } })).toBe(2);
    });
  });

  describe('past the window', () => {
    let desk: Desk;
    beforeAll(async () => {
      desk = await openDesk(mode, { REOPEN_WINDOW_MINUTES: TINY_WINDOW_MINUTES });
    });
    afterAll(() => closeDesk(desk));

    it('opens a new conversation', async () => {
      const { conversationId } = await handledAndResolved(desk, 'old', 'dave@example.com');
      const { prisma, config } = desk.harness;
      const resolved = await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      // The window is measured from the stored resolution; make sure the clock is past it before writing again.
      await expect
        .poll(() => Date.now() - (resolved.resolvedAt?.getTime() ?? Infinity))
        .toBeGreaterThan(config.reopenWindowMs);
      await send(desk, 'later', 'dave@example.com');
      const { offer } = await offerOf(desk, 'later');
      expect(offer.conversationId).not.toBe(conversationId);
      expect(await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).toMatchObject({
        status: 'resolved',
      });
      expect(
        await prisma.routingEvent.count({
          where: { tenantId: desk.tenant.id, type: 'conversation.reopened' },
        }),
      ).toBe(0);
    });
  });
});
