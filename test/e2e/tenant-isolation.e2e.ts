// Tenants share processes, topics and tables, and must never see or touch each other's work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('tenant isolation (embedded)', () => {
  let harness: Harness;
  let a: TenantFixture;
  let b: TenantFixture;
  let agentA: AgentClient;
  let agentB: AgentClient;

  async function online(tenant: TenantFixture): Promise<AgentClient> {
    const { email, password } = tenant.agents[0];
    const client = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
    await client.command({ type: 'status.set', status: 'available' });
    await client.next('agent.status-changed');
    return client;
  }

  async function send(tenant: TenantFixture, id: string): Promise<number> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: 'same@example.com' },
        body: id,
        sentAt: new Date().toISOString(),
      }),
    });
    return response.status;
  }

  beforeAll(async () => {
    harness = await startHarness('embedded');
    a = await createTenantFixture(harness.prisma);
    b = await createTenantFixture(harness.prisma);
    agentA = await online(a);
    agentB = await online(b);
  });

  afterAll(async () => {
    agentA?.close();
    agentB?.close();
    await harness?.close();
  });

  it("routes a tenant's contact only to its own agents and pushes only its own events", async () => {
    expect(await send(a, 'same-id')).toBe(202);
    expect(await send(b, 'same-id')).toBe(202);
    const offerA = await agentA.next('offer.created');
    const offerB = await agentB.next('offer.created');
    expect(offerA.tenantId).toBe(a.id);
    expect(offerB.tenantId).toBe(b.id);
    expect(offerA.conversationId).not.toBe(offerB.conversationId);
    // The same customer address and message id in two tenants are two customers and two messages.
    expect(await harness.prisma.customer.count({ where: { tenantId: { in: [a.id, b.id] } } })).toBe(2);
    expect(
      agentA.events.filter((e) => 'tenantId' in e.payload).every((e) => e.payload.tenantId === a.id),
    ).toBe(true);
    expect(
      agentB.events.filter((e) => 'tenantId' in e.payload).every((e) => e.payload.tenantId === b.id),
    ).toBe(true);
  });

  it("refuses an agent's command on another tenant's offer", async () => {
    const offerB = await agentB.next('offer.created');
    expect(await agentA.command({ type: 'offer.accept', offerId: offerB.offerId })).toMatchObject({
      ok: false,
      code: 'OFFER_NOT_LIVE',
    });
    const rejection = await agentA.next('command.rejected');
    expect(rejection.code).toBe('OFFER_NOT_LIVE');
    expect(await harness.prisma.assignment.count({ where: { offerId: offerB.offerId as string } })).toBe(0);
  });

  it("hides another tenant's conversation from a token of this tenant", async () => {
    const offerB = await agentB.next('offer.created');
    const tokenA = await AgentClient.login(harness.url, a.slug, a.agents[0].email, a.agents[0].password);
    const response = await fetch(`${harness.url}/v1/conversations/${String(offerB.conversationId)}/routing`, {
      headers: { authorization: `Bearer ${tokenA}` },
    });
    expect(response.status).toBe(404);
  });

  it("refuses a login that mixes one tenant's slug with another tenant's user", async () => {
    await expect(
      AgentClient.login(harness.url, a.slug, b.agents[0].email, b.agents[0].password),
    ).rejects.toThrow(/401/);
  });
});
