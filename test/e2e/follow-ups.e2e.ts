// Scheduled follow-ups, end to end on both stacks: an agent sets "check back in a few seconds" on a conversation
// and resolves it; at the due time it comes back to that agent as an offer whose preview is the note. A
// cancelled follow-up never fires, bad due times are refused naming the field, and only the agent holding a
// conversation may set one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Desk {
  harness: Harness;
  tenant: TenantFixture;
  agents: AgentClient[];
}

type Ack = { ok: boolean; commandId?: string; code?: string; errors?: { path: string; message: string }[] };

async function openDesk(mode: Mode): Promise<Desk> {
  const harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60' });
  const tenant = await createTenantFixture(harness.prisma, [
    { name: 'alice', capacity: { chat: 3 } },
    { name: 'bob', capacity: { chat: 3 } },
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

/** A customer's conversation, offered to whichever agent and accepted by them. */
async function assigned(desk: Desk, id: string, customer: string) {
  await send(desk, id, customer);
  const find = () =>
    desk.agents
      .map((agent) => ({
        agent,
        event: agent.events.find((e) => e.name === 'offer.created' && e.payload.preview === `text of ${id}`),
      }))
      .find((o) => o.event !== undefined);
  await expect.poll(find, { timeout: 20_000 }).toBeDefined();
  const found = find();
  if (!found?.event) throw new Error(`no offer for ${id}`);
  const { agent, event } = found;
  const conversationId = event.payload.conversationId as string;
  expect((await agent.command({ type: 'offer.accept', offerId: event.payload.offerId })).ok).toBe(true);
  await agent.next('assignment.created', (e) => e.conversationId === conversationId);
  const other = desk.agents.find((a) => a !== agent);
  if (!other) throw new Error('two agents expected');
  return { agent, other, agentId: event.payload.agentId as string, conversationId };
}

async function followUp(agent: AgentClient, body: Record<string, unknown>): Promise<Ack> {
  const ack: Ack = await agent.command({ type: 'conversation.follow-up', ...body });
  return ack;
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('scheduled follow-ups (%s)', (mode) => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await openDesk(mode);
  }, 120_000);
  afterAll(async () => {
    for (const agent of desk?.agents ?? []) agent.close();
    await desk?.harness.close();
  });

  it('brings a resolved conversation back to the agent who set it, with the note as the preview', async () => {
    const { agent, agentId, conversationId } = await assigned(desk, 'fu-back', 'erin@example.com');
    const note = 'Check the refund landed';
    const ack = await followUp(agent, { conversationId, inMs: 3_000, note });
    expect(ack.ok).toBe(true);
    await agent.next('follow-up.scheduled', (e) => e.followUpId === ack.commandId);
    expect((await agent.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
    await agent.next('conversation.resolved', (e) => e.conversationId === conversationId);

    const due = await agent.next('follow-up.due', (e) => e.followUpId === ack.commandId, 30_000);
    expect(due).toMatchObject({ conversationId, agentId, note, reopened: true });
    const offer = await agent.next('offer.created', (e) => e.preview === note, 20_000);
    // Chosen for having set the follow-up, not by the queue's strategy over both agents.
    expect(offer).toMatchObject({ conversationId, agentId, reason: { rule: 'sticky-preferred' } });

    const { prisma } = desk.harness;
    const row = await prisma.followUp.findUniqueOrThrow({ where: { id: ack.commandId } });
    expect(row).toMatchObject({ status: 'fired', agentId, note });
    expect(row.firedAt).not.toBeNull();
    const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation).toMatchObject({ status: 'offered', resolvedAt: null });
    // The agent takes it again; its offer was numbered after the first one.
    expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await agent.next('assignment.created', (e) => e.offerId === offer.offerId);
  });

  it('goes to another agent when the one who set it is away at the due time', async () => {
    const { agent, other, agentId, conversationId } = await assigned(desk, 'fu-away', 'hana@example.com');
    const note = 'Call back about the invoice';
    const ack = await followUp(agent, { conversationId, inMs: 3_000, note });
    expect(ack.ok).toBe(true);
    expect((await agent.command({ type: 'conversation.resolve', conversationId })).ok).toBe(true);
    await agent.next('conversation.resolved', (e) => e.conversationId === conversationId);
    expect((await agent.command({ type: 'status.set', status: 'away' })).ok).toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'away');

    const offer = await other.next('offer.created', (e) => e.preview === note, 30_000);
    expect(offer.conversationId).toBe(conversationId);
    expect(offer.agentId).not.toBe(agentId);
    expect(offer.reason).not.toMatchObject({ rule: 'sticky-preferred' });
    expect(agent.events.filter((e) => e.name === 'offer.created' && e.payload.preview === note)).toEqual([]);
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    const available = () =>
      agent.events.filter((e) => e.name === 'agent.status-changed' && e.payload.status === 'available');
    await expect.poll(() => available().length).toBe(2);
  });

  it('never fires a cancelled follow-up: a later one on the same conversation fires alone', async () => {
    const { agent, conversationId } = await assigned(desk, 'fu-cancel', 'frank@example.com');
    const first = await followUp(agent, { conversationId, inMs: 1_500, note: 'first' });
    expect(first.ok).toBe(true);
    await agent.next('follow-up.scheduled', (e) => e.followUpId === first.commandId);
    const cancelled = await agent.command({
      type: 'conversation.follow-up-cancel',
      followUpId: first.commandId,
    });
    expect(cancelled.ok).toBe(true);
    await agent.next('follow-up.cancelled', (e) => e.followUpId === first.commandId);
    const second = await followUp(agent, { conversationId, inMs: 2_500, note: 'second' });
    expect(second.ok).toBe(true);

    // Still assigned to the agent: the follow-up only reminds them.
    const due = await agent.next('follow-up.due', (e) => e.followUpId === second.commandId, 30_000);
    expect(due).toMatchObject({ conversationId, note: 'second', reopened: false });
    const fired = agent.events.filter(
      (e) => e.name === 'follow-up.due' && e.payload.conversationId === conversationId,
    );
    expect(fired.map((e) => e.payload.followUpId)).toEqual([second.commandId]);
    const rows = await desk.harness.prisma.followUp.findMany({
      where: { conversationId },
      orderBy: { dueAt: 'asc' },
    });
    expect(rows.map((r) => [r.id, r.status, r.firedAt === null])).toEqual([
      [first.commandId, 'cancelled', true],
      [second.commandId, 'fired', false],
    ]);
  });

  it('refuses a due time in the past or beyond 90 days, naming the field', async () => {
    const agent = desk.agents[0];
    const day = 86_400_000;
    for (const at of [new Date(Date.now() - 60_000), new Date(Date.now() + 91 * day)]) {
      const ack = await followUp(agent, { conversationId: 'any-conversation', at: at.toISOString() });
      expect(ack).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', errors: [{ path: 'at' }] });
    }
    const tooLong = await followUp(agent, { conversationId: 'any-conversation', inMs: 91 * day });
    expect(tooLong).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', errors: [{ path: 'inMs' }] });
  });

  it('lets only the agent holding the conversation set a follow-up on it', async () => {
    const { other, conversationId } = await assigned(desk, 'fu-other', 'gina@example.com');
    const ack = await followUp(other, { conversationId, inMs: 60_000 });
    // The ack carries the router's refusal (ADR 0027); the stored event says the same.
    expect(ack).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    const rejected = await other.next('command.rejected', (e) => e.commandId === ack.commandId);
    expect(rejected).toMatchObject({ code: 'FORBIDDEN' });
    expect(await desk.harness.prisma.followUp.count({ where: { conversationId } })).toBe(0);
  });
});
