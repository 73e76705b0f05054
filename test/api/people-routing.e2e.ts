// Admin writes reach a running router: an agent created over the API takes work once available, and a skill
// granted by PATCH unlocks a contact that was waiting for it. Through HTTP, the bus and socket.io only.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const PASSWORD = 'a long enough passphrase';

describe.each<Mode>(['embedded', 'kafka+postgres'])('admin changes reach the router (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;
  const clients: AgentClient[] = [];

  /** Creates an agent and its login over the API, connects its console and makes it available. */
  async function onlineAgent(
    name: string,
    skills: Record<string, number>,
  ): Promise<{ id: string; client: AgentClient }> {
    const agent = await admin.post<{ id: string }>('/v1/agents', {
      displayName: name,
      email: `${name}@example.com`,
      skills,
      languages: ['en'],
      capacity: { chat: 2 },
    });
    expect(agent.status).toBe(201);
    const user = await admin.post('/v1/users', {
      email: `${name}@example.com`,
      password: PASSWORD,
      role: 'agent',
      agentId: agent.body.id,
    });
    expect(user.status).toBe(201);
    const token = await AgentClient.login(harness.url, tenant.slug, `${name}@example.com`, PASSWORD);
    const client = await AgentClient.connect(harness.url, token);
    clients.push(client);
    expect((await client.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await client.next('agent.status-changed', (e) => e.status === 'available');
    return { id: agent.body.id, client };
  }

  async function send(id: string, skill: string): Promise<void> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `${id}@example.com` },
        body: id,
        sentAt: new Date().toISOString(),
        requiredSkills: [{ skill, minProficiency: 5 }],
      }),
    });
    expect(response.status).toBe(202);
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    for (const name of ['billing', 'spanish']) {
      expect((await admin.post('/v1/skills', { name })).status).toBe(201);
    }
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('offers a contact needing a skill to an agent created over the API', async () => {
    const { id, client } = await onlineAgent(`biller-${mode.replace(/\W/g, '')}`, { billing: 8 });
    await send(`${mode}-needs-billing`, 'billing');
    const offer = await client.next('offer.created');
    expect(offer).toMatchObject({ agentId: id, preview: `${mode}-needs-billing` });
    const load = await admin.get<{ load: Record<string, { pendingOffers: number }> }>(`/v1/agents/${id}`);
    expect(load.body.load.chat.pendingOffers).toBe(1);
  });

  it('offers a waiting contact once PATCH gives an available agent the skill it needs', async () => {
    const { id, client } = await onlineAgent(`learner-${mode.replace(/\W/g, '')}`, { billing: 3 });
    await send(`${mode}-needs-spanish`, 'spanish');
    await expect
      .poll(() =>
        harness.prisma.conversation.count({
          where: { tenantId: tenant.id, status: 'queued', requiredSkills: { path: ['spanish'], gte: 1 } },
        }),
      )
      .toBe(1);
    // Nobody holds the skill yet, so the contact waits.
    await new Promise((r) => setTimeout(r, 500));
    expect(client.events.filter((e) => e.name === 'offer.created')).toHaveLength(0);

    const patched = await admin.patch(`/v1/agents/${id}`, { skills: { billing: 3, spanish: 7 } });
    expect(patched.status).toBe(200);
    const offer = await client.next('offer.created');
    expect(offer).toMatchObject({ agentId: id, preview: `${mode}-needs-spanish` });
  });

  it('takes a deactivated agent out of routing: its console is signed out, no offers, and it cannot sign in again', async () => {
    const name = `leaver-${mode.replace(/\W/g, '')}`;
    const { id, client } = await onlineAgent(name, { billing: 9 });
    expect((await admin.delete(`/v1/agents/${id}`)).status).toBe(204);
    // Deactivation ends the login's sessions: the connected console is told so and disconnected.
    expect(await client.next('session.ended', () => true, 10_000)).toMatchObject({ code: 'SESSION_REVOKED' });
    await send(`${mode}-after-leaving`, 'billing');
    await expect
      .poll(() =>
        harness.prisma.message.count({
          where: { tenantId: tenant.id, channelMessageId: `${mode}-after-leaving` },
        }),
      )
      .toBe(1);
    // Signing in again is refused: login looks at the agent profile (403 after the right password).
    const login = await fetch(`${harness.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: tenant.slug, email: `${name}@example.com`, password: PASSWORD }),
    });
    expect(login.status).toBe(403);
    expect(login.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await login.json()).toMatchObject({ code: 'FORBIDDEN' });
    // The contact was stored and routed in one batch, committed before the refusal: nothing went to the leaver.
    const stored = await harness.prisma.message.findFirstOrThrow({
      where: { tenantId: tenant.id, channelMessageId: `${mode}-after-leaving` },
      select: { conversationId: true },
    });
    expect(
      await harness.prisma.offer.count({ where: { conversationId: stored.conversationId, agentId: id } }),
    ).toBe(0);
    expect(
      client.events.some((e) => e.name === 'offer.created' && e.payload.preview === `${mode}-after-leaving`),
    ).toBe(false);
  });
});
