// The walking skeleton end to end, from outside the app: an integrator sends a contact, the router offers it
// to the only available agent, the agent accepts over socket.io, and the assignment is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const contact = (id: string, extra: Record<string, unknown> = {}) => ({
  channel: 'chat',
  channelMessageId: id,
  from: { address: `visitor-${id}@example.com`, displayName: 'Visitor' },
  body: `Hello from ${id}`,
  sentAt: new Date().toISOString(),
  ...extra,
});

async function post(harness: Harness, path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${harness.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('walking skeleton (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let agent: AgentClient;
  let token: string;

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '60' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 1 } }]);
    token = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
    agent = await AgentClient.connect(harness.url, token);
  });

  afterAll(async () => {
    agent?.close();
    await harness?.close();
  });

  it('serves health', async () => {
    const response = await fetch(`${harness.url}/health`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe('ok');
  });

  it('offers a posted contact to the available agent and records the accepted assignment', async () => {
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await agent.next('agent.status-changed', (e) => e.status === 'available');

    const accepted = await post(harness, '/v1/contacts', contact('m-1'), { 'x-api-key': tenant.apiKey });
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: 'accepted', tenantId: tenant.id, channelMessageId: 'm-1' });

    const offer = await agent.next('offer.created');
    expect(offer).toMatchObject({
      tenantId: tenant.id,
      agentId: tenant.agents[0].id,
      channel: 'chat',
      preview: 'Hello from m-1',
    });
    expect(typeof (offer.reason as { rule?: unknown }).rule).toBe('string');

    expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    const assigned = await agent.next('assignment.created');
    expect(assigned).toMatchObject({ conversationId: offer.conversationId, agentId: tenant.agents[0].id });

    const stored = await harness.prisma.assignment.findMany({
      where: { conversationId: offer.conversationId as string },
    });
    expect(stored).toHaveLength(1);
    const conversation = await harness.prisma.conversation.findUniqueOrThrow({
      where: { id: offer.conversationId as string },
    });
    expect(conversation.status).toBe('assigned');

    const history = await fetch(`${harness.url}/v1/conversations/${String(offer.conversationId)}/routing`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(history.status).toBe(200);
    const body = (await history.json()) as { offers: Array<{ status: string; reason: { rule?: unknown } }> };
    expect(body.offers).toHaveLength(1);
    expect(body.offers[0].status).toBe('accepted');
    expect(typeof body.offers[0].reason.rule).toBe('string');
    const anonymous = await fetch(`${harness.url}/v1/conversations/${String(offer.conversationId)}/routing`);
    expect(anonymous.status).toBe(401);
  });

  it('stores a redelivered message once and pushes follow-ups to the assigned agent', async () => {
    const first = contact('m-2', { from: { address: 'visitor-m-1@example.com' }, body: 'One more thing' });
    await post(harness, '/v1/contacts', first, { 'x-api-key': tenant.apiKey });
    await post(harness, '/v1/contacts', first, { 'x-api-key': tenant.apiKey });
    const followUp = await agent.next('message.received', (e) => e.body === 'One more thing');
    expect(followUp.agentId).toBe(tenant.agents[0].id);
    await new Promise((r) => setTimeout(r, 500));
    const copies = await harness.prisma.message.count({
      where: { tenantId: tenant.id, channelMessageId: 'm-2' },
    });
    expect(copies).toBe(1);
  });

  it('does not exceed the agent capacity: a second customer waits', async () => {
    await post(harness, '/v1/contacts', contact('m-3'), { 'x-api-key': tenant.apiKey });
    await expect.poll(() => harness.prisma.conversation.count({ where: { tenantId: tenant.id } })).toBe(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(agent.events.filter((e) => e.name === 'offer.created')).toHaveLength(1);
    const waiting = await harness.prisma.conversation.findFirstOrThrow({
      where: { tenantId: tenant.id, status: 'queued' },
    });
    expect(waiting.channel).toBe('chat');
  });

  it('rejects a bad body with problem+json naming the field, and a missing key with 401', async () => {
    const bad = await post(harness, '/v1/contacts', contact('m-4', { channel: 'fax' }), {
      'x-api-key': tenant.apiKey,
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'channel' })]);

    const broken = await post(harness, '/v1/contacts', '{"channel":', { 'x-api-key': tenant.apiKey });
    expect(broken.status).toBe(400);

    const anonymous = await post(harness, '/v1/contacts', contact('m-5'), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.type).toContain('application/problem+json');
    const forged = await post(harness, '/v1/contacts', contact('m-5'), {
      'x-api-key': `${tenant.apiKey.slice(0, -2)}xx`,
    });
    expect(forged.status).toBe(401);
  });

  it('refuses a socket without a valid token', async () => {
    await expect(AgentClient.connect(harness.url, 'not-a-jwt')).rejects.toThrow();
  });
});
