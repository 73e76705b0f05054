// The routing core's rules, observed end to end through Kafka, Postgres and socket.io.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type AgentSpec, type TenantFixture } from '../support/fixtures';

interface Team {
  tenant: TenantFixture;
  agents: Map<string, AgentClient>;
}

async function team(harness: Harness, specs: AgentSpec[]): Promise<Team> {
  const tenant = await createTenantFixture(harness.prisma, specs);
  const agents = new Map<string, AgentClient>();
  for (const [i, spec] of specs.entries()) {
    const fixture = tenant.agents[i];
    const token = await AgentClient.login(harness.url, tenant.slug, fixture.email, fixture.password);
    const client = await AgentClient.connect(harness.url, token);
    expect((await client.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await client.next('agent.status-changed');
    agents.set(spec.name, client);
  }
  return { tenant, agents };
}

async function send(
  harness: Harness,
  tenant: TenantFixture,
  id: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const response = await fetch(`${harness.url}/v1/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body: JSON.stringify({
      channel: 'chat',
      channelMessageId: id,
      from: { address: `${id}@example.com` },
      body: id,
      sentAt: new Date().toISOString(),
      ...extra,
    }),
  });
  expect(response.status).toBe(202);
}

const offersTo = (client: AgentClient) =>
  client.events.filter((e) => e.name === 'offer.created').map((e) => e.payload);

describe('routing rules end to end (Kafka + Postgres)', () => {
  let harness: Harness;
  let current: Team | undefined;

  beforeAll(async () => {
    // Reopening off: the sticky case needs a returning customer's message to open a new conversation
    // (reopening, which prefers the previous agent too, has its own suite in reopen.e2e.ts).
    harness = await startHarness('kafka+postgres', {
      OFFER_TIMEOUT_SECONDS: '5',
      REOPEN_WINDOW_MINUTES: '0',
    });
  });
  afterEach(() => {
    for (const client of current?.agents.values() ?? []) client.close();
    current = undefined;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('sends a VIP contact needing a skill to the skilled agent, and explains why', async () => {
    current = await team(harness, [
      { name: 'generalist', skills: { general: 9 } },
      { name: 'banker', skills: { billing: 8 } },
    ]);
    await send(harness, current.tenant, 'vip-1', {
      tier: 'platinum',
      priority: 50,
      requiredSkills: [{ skill: 'billing', minProficiency: 5 }],
    });
    const offer = await current.agents.get('banker')!.next('offer.created');
    expect(offer.preview).toBe('vip-1');
    expect(offer.reason).toMatchObject({ score: expect.objectContaining({ priority: 50 }) as unknown });
    expect(offersTo(current.agents.get('generalist')!)).toHaveLength(0);
    const stored = await harness.prisma.offer.findUniqueOrThrow({ where: { id: offer.offerId as string } });
    expect(stored.reason).toMatchObject({ rule: expect.any(String) as unknown });
  });

  it('re-offers a declined contact to the next eligible agent, never back to the one who declined', async () => {
    current = await team(harness, [{ name: 'first' }, { name: 'second' }]);
    await send(harness, current.tenant, 'decline-1');
    const [a, b] = [current.agents.get('first')!, current.agents.get('second')!];
    const firstOffer = await Promise.race([a.next('offer.created'), b.next('offer.created')]);
    const [decliner, other] = firstOffer.agentId === current.tenant.agents[0].id ? [a, b] : [b, a];
    expect((await decliner.command({ type: 'offer.decline', offerId: firstOffer.offerId })).ok).toBe(true);
    await decliner.next('offer.closed', (e) => e.outcome === 'declined');
    const second = await other.next('offer.created');
    expect(second.conversationId).toBe(firstOffer.conversationId);
    expect(offersTo(decliner)).toHaveLength(1);
  });

  it('gives an agent at capacity nothing more until work is resolved', async () => {
    current = await team(harness, [{ name: 'solo', capacity: { chat: 1 } }]);
    const solo = current.agents.get('solo')!;
    await send(harness, current.tenant, 'cap-1');
    const offer = await solo.next('offer.created');
    await solo.command({ type: 'offer.accept', offerId: offer.offerId });
    await solo.next('assignment.created');
    await send(harness, current.tenant, 'cap-2');
    await expect
      .poll(() => harness.prisma.conversation.count({ where: { tenantId: current!.tenant.id } }))
      .toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(offersTo(solo)).toHaveLength(1);

    await solo.command({ type: 'conversation.resolve', conversationId: offer.conversationId });
    await solo.next('conversation.resolved');
    const next = await solo.next('offer.created', (e) => e.preview === 'cap-2');
    expect(next.conversationId).not.toBe(offer.conversationId);
  });

  it('expires an unanswered offer on its timer and re-queues the contact', async () => {
    current = await team(harness, [{ name: 'sleepy' }, { name: 'awake' }]);
    await send(harness, current.tenant, 'timeout-1');
    const clients = [...current.agents.values()];
    const offer = await Promise.race(clients.map((c) => c.next('offer.created')));
    const ignored = clients.find((c) => c.events.some((e) => e.name === 'offer.created'))!;
    const closed = await ignored.next('offer.closed', (e) => e.offerId === offer.offerId, 15_000);
    expect(closed.outcome).toBe('expired');
    const other = clients.find((c) => c !== ignored)!;
    const reoffer = await other.next('offer.created', () => true, 15_000);
    expect(reoffer.conversationId).toBe(offer.conversationId);
  });

  it('routes a returning customer back to the agent who helped them last (sticky)', async () => {
    current = await team(harness, [{ name: 'helper' }, { name: 'idler' }]);
    const clients = [...current.agents.values()];
    await send(harness, current.tenant, 'sticky-1', { from: { address: 'loyal@example.com' } });
    const first = await Promise.race(clients.map((c) => c.next('offer.created')));
    const helper = clients.find((c) => c.events.some((e) => e.name === 'offer.created'))!;
    await helper.command({ type: 'offer.accept', offerId: first.offerId });
    await helper.next('assignment.created');
    await helper.command({ type: 'conversation.resolve', conversationId: first.conversationId });
    await helper.next('conversation.resolved');
    // The other agent has now been idle longest, so only stickiness can send the customer back to the helper.
    await send(harness, current.tenant, 'sticky-2', { from: { address: 'loyal@example.com' } });
    const second = await helper.next('offer.created', (e) => e.preview === 'sticky-2');
    expect(second.conversationId).not.toBe(first.conversationId);
    expect((second.reason as { rule?: string }).rule).toBe('sticky-last');
  });

  it('rejects accepting another agent’s offer', async () => {
    current = await team(harness, [
      { name: 'owner', capacity: { chat: 1 } },
      { name: 'thief', capacity: { email: 1 } },
    ]);
    await send(harness, current.tenant, 'theft-1');
    const offer = await current.agents.get('owner')!.next('offer.created');
    const thief = current.agents.get('thief')!;
    expect(await thief.command({ type: 'offer.accept', offerId: offer.offerId })).toMatchObject({
      ok: false,
      code: 'OFFER_NOT_LIVE',
    });
    const rejection = await thief.next('command.rejected');
    expect(rejection.code).toBe('OFFER_NOT_LIVE');
    const assignments = await harness.prisma.assignment.count({
      where: { conversationId: offer.conversationId as string },
    });
    expect(assignments).toBe(0);
  });
});
