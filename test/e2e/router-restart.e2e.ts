// The router and gateway as separate processes on Kafka + Postgres. The router is killed (SIGKILL) in the
// middle of a flow; a new one rebuilds its state from Postgres, and nothing is lost or assigned twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { SplitStack } from '../support/split-stack';

describe('router restart mid-flow (separate processes)', () => {
  let stack: SplitStack;
  let tenant: TenantFixture;
  let agent: AgentClient;

  async function post(id: string): Promise<void> {
    const response = await fetch(`${stack.gatewayUrl}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `${id}@example.com` },
        body: id,
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
  }

  beforeAll(async () => {
    stack = await SplitStack.create('restart', { OFFER_TIMEOUT_SECONDS: '120' });
    tenant = await createTenantFixture(stack.database.prisma, [{ name: 'rita', capacity: { chat: 2 } }]);
    await stack.startRouter();
    await stack.startGateway();
    const { email, password } = tenant.agents[0];
    agent = await AgentClient.connect(
      stack.gatewayUrl,
      await AgentClient.login(stack.gatewayUrl, tenant.slug, email, password),
    );
    await agent.command({ type: 'status.set', status: 'available' });
    await agent.next('agent.status-changed');
  }, 180_000);

  afterAll(async () => {
    agent?.close();
    await stack?.dispose();
  });

  it('resumes from Postgres: the live offer survives, queued input is processed once', async () => {
    await post('before-crash');
    const offer = await agent.next('offer.created');

    await stack.killRouter();
    // While no router runs, the gateway still accepts work: it waits in Kafka. Nobody can say yet what it did,
    // so the ack is OUTCOME_UNKNOWN (ADR 0027); the events below show the truth.
    expect(await agent.command({ type: 'offer.accept', offerId: offer.offerId })).toMatchObject({
      ok: false,
      code: 'OUTCOME_UNKNOWN',
    });
    await post('during-outage');

    await stack.startRouter();
    const assigned = await agent.next('assignment.created', () => true, 30_000);
    expect(assigned.conversationId).toBe(offer.conversationId);
    const second = await agent.next('offer.created', (e) => e.preview === 'during-outage', 30_000);
    expect(second.conversationId).not.toBe(offer.conversationId);

    const prisma = stack.database.prisma;
    expect(await prisma.assignment.count({ where: { conversationId: offer.conversationId as string } })).toBe(
      1,
    );
    expect(await prisma.offer.count({ where: { conversationId: offer.conversationId as string } })).toBe(1);
    expect(await prisma.message.count({ where: { tenantId: tenant.id } })).toBe(2);
    const pending = await prisma.offer.groupBy({
      by: ['conversationId'],
      where: { status: 'pending' },
      _count: true,
    });
    expect(pending.every((p) => p._count === 1)).toBe(true);
  });
});
