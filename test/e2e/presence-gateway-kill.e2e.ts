// A gateway that dies says nothing: its agents must not stay present forever. The router holds each gateway's
// word only for its lease (renewed by heartbeats); a SIGKILLed gateway's agents are made away after lease plus
// grace (ADR 0027), their live offer re-routed, while an agent on the surviving gateway stays available.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { SplitStack } from '../support/split-stack';

describe('presence when a gateway is killed (separate processes)', () => {
  let stack: SplitStack;
  let survivor: SplitStack;
  let tenant: TenantFixture;
  let ana: AgentClient;
  let ben: AgentClient;

  beforeAll(async () => {
    const env = {
      OFFER_TIMEOUT_SECONDS: '120',
      PRESENCE_GRACE_MS: '1000',
      PRESENCE_HEARTBEAT_MS: '500',
      PRESENCE_LEASE_MS: '2000',
    };
    stack = await SplitStack.create('presence', env);
    tenant = await createTenantFixture(stack.database.prisma, [
      { name: 'ana', capacity: { chat: 1 } },
      { name: 'ben', capacity: { chat: 1 } },
    ]);
    await stack.startRouter();
    await stack.startGateway();
    // A second gateway on the same topics and database: the survivor.
    survivor = stack.sibling();
    await survivor.startGateway();
    const login = (url: string, i: number) =>
      AgentClient.login(url, tenant.slug, tenant.agents[i].email, tenant.agents[i].password);
    ana = await AgentClient.connect(stack.gatewayUrl, await login(stack.gatewayUrl, 0));
    ben = await AgentClient.connect(survivor.gatewayUrl, await login(survivor.gatewayUrl, 1));
    await ana.command({ type: 'status.set', status: 'available' });
    await ana.next('agent.status-changed', (e) => e.status === 'available', 30_000);
  }, 180_000);

  afterAll(async () => {
    ana?.close();
    ben?.close();
    await survivor?.stopGateway();
    await stack?.dispose();
  });

  it("makes the dead gateway's agent away after lease and grace, and re-routes their offer", async () => {
    const response = await fetch(`${survivor.gatewayUrl}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: 'kill-1',
        from: { address: 'kill-1@example.com' },
        body: 'kill-1',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const offer = await ana.next('offer.created', (e) => e.preview === 'kill-1', 30_000);
    await ben.command({ type: 'status.set', status: 'available' });
    await ben.next('agent.status-changed', (e) => e.status === 'available', 30_000);

    await stack.killGateway();
    const rerouted = await ben.next(
      'offer.created',
      (e) => e.conversationId === offer.conversationId,
      30_000,
    );
    expect(rerouted.agentId).toBe(tenant.agents[1].id);
    const agents = await stack.database.prisma.agent.findMany({ where: { tenantId: tenant.id } });
    const statusOf = (i: number) => agents.find((a) => a.id === tenant.agents[i].id)?.status;
    expect(statusOf(0)).toBe('away');
    expect(statusOf(1)).toBe('available');
  });
});
