// Agent presence (ADR 0027): an agent with no console connected past the grace is made away and their pending
// offer goes to someone else, while the conversation assigned to them stays theirs; closing one of two tabs
// changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { postChatContact } from '../support/scenario';

describe.each<Mode>(['embedded', 'kafka+postgres'])('agent presence (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let tokens: string[];
  let aliceTabs: AgentClient[];
  let bob: AgentClient;
  let assignedId: string;
  let offeredId: string;

  const statusOf = async (i: number): Promise<string> =>
    (await harness.prisma.agent.findUniqueOrThrow({ where: { id: tenant.agents[i].id } })).status;

  const post = (id: string) => postChatContact(harness, tenant, id);

  beforeAll(async () => {
    harness = await startHarness(mode, {
      OFFER_TIMEOUT_SECONDS: '120',
      PRESENCE_GRACE_MS: '1500',
      PRESENCE_HEARTBEAT_MS: '500',
      PRESENCE_LEASE_MS: '2000',
    });
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'alice', capacity: { chat: 2 } },
      { name: 'bob', capacity: { chat: 1 } },
      // Takes no work: her own disconnection is the later event that proves time has passed.
      { name: 'carol', capacity: { chat: 0 } },
    ]);
    tokens = await Promise.all(
      tenant.agents.map((a) => AgentClient.login(harness.url, tenant.slug, a.email, a.password)),
    );
    aliceTabs = [
      await AgentClient.connect(harness.url, tokens[0]),
      await AgentClient.connect(harness.url, tokens[0]),
    ];
    bob = await AgentClient.connect(harness.url, tokens[1]);
    expect(await aliceTabs[0].command({ type: 'status.set', status: 'available' })).toMatchObject({
      ok: true,
    });

    await post('p-assigned');
    const first = await aliceTabs[0].next('offer.created', (e) => e.preview === 'Hello from p-assigned');
    expect(await aliceTabs[0].command({ type: 'offer.accept', offerId: first.offerId })).toMatchObject({
      ok: true,
    });
    assignedId = first.conversationId as string;
    await post('p-offered');
    const second = await aliceTabs[0].next('offer.created', (e) => e.preview === 'Hello from p-offered');
    offeredId = second.conversationId as string;
  });

  afterAll(async () => {
    for (const tab of aliceTabs) tab.close();
    bob?.close();
    await harness?.close();
  });

  it('keeps an agent with one of two tabs closed available', async () => {
    aliceTabs[0].close();
    // Carol's console closes after Alice's tab did; once Carol is away, Alice's grace would have run out too.
    const carol = await AgentClient.connect(harness.url, tokens[2]);
    expect(await carol.command({ type: 'status.set', status: 'available' })).toMatchObject({ ok: true });
    carol.close();
    await expect.poll(() => statusOf(2), { timeout: 20_000 }).toBe('away');
    expect(await statusOf(0)).toBe('available');
    const offer = await harness.prisma.offer.findFirstOrThrow({ where: { conversationId: offeredId } });
    expect(offer).toMatchObject({ status: 'pending', agentId: tenant.agents[0].id });
  });

  it('makes an agent with no console away after the grace: their offer goes to another agent, their conversation stays', async () => {
    expect(await bob.command({ type: 'status.set', status: 'available' })).toMatchObject({ ok: true });
    aliceTabs[1].close();
    const rerouted = await bob.next('offer.created', (e) => e.conversationId === offeredId);
    expect(rerouted.agentId).toBe(tenant.agents[1].id);
    expect(await statusOf(0)).toBe('away');
    const assigned = await harness.prisma.conversation.findUniqueOrThrow({ where: { id: assignedId } });
    expect(assigned.status).toBe('assigned');
    const assignment = await harness.prisma.assignment.findFirstOrThrow({
      where: { conversationId: assignedId },
    });
    expect(assignment).toMatchObject({ agentId: tenant.agents[0].id, endedAt: null });
  });
});
