// Agents admin API over HTTP, on PostgreSQL and on the embedded PGlite: CRUD, filters, pagination, roles,
// tenant isolation, and the live load per channel class.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface AgentBody {
  id: string;
  displayName: string;
  email: string;
  status: string;
  active: boolean;
  skills: Record<string, number>;
  languages: string[];
  capacity: Record<string, number>;
  maxUnits: number | null;
  load?: Record<string, { pendingOffers: number; openAssignments: number }>;
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

interface ProblemBody {
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

const paths = (response: ApiResponse<unknown>): string[] =>
  ((response.body as ProblemBody).errors ?? []).map((e) => e.path);

describe.each<Mode>(['embedded', 'kafka+postgres'])('agents API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let supervisor: ApiClient;
  let agentRole: ApiClient;
  let seq = 0;

  const agentBody = (extra: Record<string, unknown> = {}) => ({
    displayName: `Agent ${++seq}`,
    email: `agent-${seq}@example.com`,
    skills: { billing: 7 },
    languages: ['en'],
    capacity: { chat: 2, email: 3 },
    ...extra,
  });

  async function create(extra: Record<string, unknown> = {}): Promise<AgentBody> {
    const response = await admin.post<AgentBody>('/v1/agents', agentBody(extra));
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, [{ name: 'foreign' }]);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    agentRole = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    for (const name of ['billing', 'sales', 'tech']) {
      expect((await admin.post('/v1/skills', { name })).status).toBe(201);
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates an agent and reads it back with an empty load', async () => {
    const created = await create({ displayName: 'Ada', email: 'Ada@Example.com', maxUnits: 4 });
    expect(created).toMatchObject({
      displayName: 'Ada',
      email: 'ada@example.com',
      status: 'offline',
      active: true,
      skills: { billing: 7 },
      capacity: { chat: 2, email: 3 },
      maxUnits: 4,
    });
    const read = await supervisor.get<AgentBody>(`/v1/agents/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.id, email: 'ada@example.com' });
    expect(read.body.load).toEqual({
      chat: { pendingOffers: 0, openAssignments: 0 },
      email: { pendingOffers: 0, openAssignments: 0 },
      social: { pendingOffers: 0, openAssignments: 0 },
      voice: { pendingOffers: 0, openAssignments: 0 },
    });
  });

  it('rejects bad bodies with a 400 naming each field', async () => {
    const bad = await admin.post('/v1/agents', {
      ...agentBody(),
      email: 'not-an-email',
      skills: { billing: 11 },
      capacity: { chat: 51 },
      languages: ['english please'],
      surprise: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(paths(bad)).toEqual(
      expect.arrayContaining(['email', 'skills.billing', 'capacity.chat', 'languages.0', '']),
    );
    const unknownSkill = await admin.post('/v1/agents', agentBody({ skills: { astrology: 5 } }));
    expect(unknownSkill.status).toBe(400);
    expect(paths(unknownSkill)).toEqual(['skills.astrology']);
    const emptyPatch = await admin.patch(`/v1/agents/${(await create()).id}`, {});
    expect(emptyPatch.status).toBe(400);
    expect((await admin.get('/v1/agents/not%20an%20id')).status).toBe(400);
    const badQuery = await admin.get('/v1/agents?status=asleep&limit=0');
    expect(badQuery.status).toBe(400);
    expect(paths(badQuery)).toEqual(expect.arrayContaining(['status', 'limit']));
  });

  it('enforces authentication and roles: supervisors read, admins write', async () => {
    const agent = await create();
    expect((await ApiClient.anonymous(harness.url).get('/v1/agents')).status).toBe(401);
    expect((await ApiClient.anonymous(harness.url).post('/v1/agents', agentBody())).status).toBe(401);
    expect((await supervisor.get('/v1/agents')).status).toBe(200);
    expect((await supervisor.post('/v1/agents', agentBody())).status).toBe(403);
    expect((await supervisor.patch(`/v1/agents/${agent.id}`, { displayName: 'X' })).status).toBe(403);
    expect((await supervisor.delete(`/v1/agents/${agent.id}`)).status).toBe(403);
    expect((await agentRole.get('/v1/agents')).status).toBe(403);
    expect((await agentRole.get(`/v1/agents/${agent.id}`)).status).toBe(403);
  });

  it("answers 404 for another tenant's agent, whatever the verb", async () => {
    const foreignId = other.agents[0].id;
    expect((await admin.get(`/v1/agents/${foreignId}`)).status).toBe(404);
    expect((await admin.patch(`/v1/agents/${foreignId}`, { displayName: 'Mine now' })).status).toBe(404);
    expect((await admin.delete(`/v1/agents/${foreignId}`)).status).toBe(404);
    const untouched = await harness.prisma.agent.findUniqueOrThrow({ where: { id: foreignId } });
    expect(untouched).toMatchObject({ displayName: 'foreign', active: true });
    const listed = await admin.get<PageBody<AgentBody>>('/v1/agents?limit=200');
    expect(listed.body.items.map((a) => a.id)).not.toContain(foreignId);
  });

  it('answers 409 naming the email when it is already taken in the tenant', async () => {
    const first = await create();
    const duplicate = await admin.post('/v1/agents', agentBody({ email: first.email.toUpperCase() }));
    expect(duplicate.status).toBe(409);
    expect(paths(duplicate)).toEqual(['email']);
    const second = await create();
    const clash = await admin.patch(`/v1/agents/${second.id}`, { email: first.email });
    expect(clash.status).toBe(409);
    expect(paths(clash)).toEqual(['email']);
    // The same email in another tenant is fine.
    const foreignAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
    await foreignAdmin.post('/v1/skills', { name: 'billing' });
    expect((await foreignAdmin.post('/v1/agents', agentBody({ email: first.email }))).status).toBe(201);
  });

  it('updates only the fields sent', async () => {
    const agent = await create({ maxUnits: 5, languages: ['en', 'de'] });
    const patched = await admin.patch<AgentBody>(`/v1/agents/${agent.id}`, {
      skills: { sales: 3, tech: 9 },
      maxUnits: null,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      displayName: agent.displayName,
      email: agent.email,
      languages: ['en', 'de'],
      capacity: { chat: 2, email: 3 },
      skills: { sales: 3, tech: 9 },
      maxUnits: null,
    });
  });

  it('filters by skill, language, status, active and text, and walks pages by cursor', async () => {
    const marker = `zz${mode.replace(/\W/g, '')}`;
    const made: AgentBody[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        await create({
          displayName: `${marker} ${i}`,
          skills: i % 2 === 0 ? { tech: 5 } : { sales: 5 },
          languages: i === 4 ? ['fr'] : ['en'],
        }),
      );
    }
    const q = `q=${marker}`;
    const ids = async (query: string) =>
      (await supervisor.get<PageBody<AgentBody>>(`/v1/agents?${q}&${query}`)).body.items.map((a) => a.id);
    expect(await ids('skill=tech')).toEqual([made[0].id, made[2].id, made[4].id]);
    expect(await ids('language=fr')).toEqual([made[4].id]);
    expect(await ids('status=available')).toEqual([]);
    expect((await ids('status=offline')).length).toBe(5);
    const byText = await supervisor.get<PageBody<AgentBody>>(`/v1/agents?q=${marker.toUpperCase()}%203`);
    expect(byText.body.items.map((a) => a.id)).toEqual([made[3].id]);

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ApiResponse<PageBody<AgentBody>> = await supervisor.get<PageBody<AgentBody>>(
        `/v1/agents?${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      walked.push(...page.body.items.map((a) => a.id));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(walked).toEqual(made.map((a) => a.id));
    expect((await admin.get('/v1/agents?cursor=%27%20OR%201%3D1')).status).toBe(400);
  });

  it('deactivates instead of deleting, keeping history, and can reactivate', async () => {
    const agent = await create();
    const { conversationId } = await seedWork(harness, tenant.id, agent.id);
    expect((await admin.delete(`/v1/agents/${agent.id}`)).status).toBe(204);
    const read = await admin.get<AgentBody>(`/v1/agents/${agent.id}`);
    expect(read.body).toMatchObject({ active: false, status: 'offline' });
    expect(await harness.prisma.offer.count({ where: { conversationId } })).toBe(1);
    const inactive = await admin.get<PageBody<AgentBody>>('/v1/agents?active=false&limit=200');
    expect(inactive.body.items.map((a) => a.id)).toContain(agent.id);
    const active = await admin.get<PageBody<AgentBody>>('/v1/agents?active=true&limit=200');
    expect(active.body.items.map((a) => a.id)).not.toContain(agent.id);
    const back = await admin.patch<AgentBody>(`/v1/agents/${agent.id}`, { active: true });
    expect(back.body).toMatchObject({ active: true, status: 'offline' });
  });

  it('reports pending offers and open assignments per channel class', async () => {
    const agent = await create();
    await seedWork(harness, tenant.id, agent.id);
    const read = await supervisor.get<AgentBody>(`/v1/agents/${agent.id}`);
    expect(read.body.load).toEqual({
      chat: { pendingOffers: 1, openAssignments: 0 },
      email: { pendingOffers: 0, openAssignments: 1 },
      social: { pendingOffers: 0, openAssignments: 1 },
      voice: { pendingOffers: 0, openAssignments: 0 },
    });
  });
});

/** Live work for an agent written straight to the tables: a pending chat offer, open email and WhatsApp work. */
async function seedWork(
  harness: Harness,
  tenantId: string,
  agentId: string,
): Promise<{ conversationId: string }> {
  const { prisma } = harness;
  const customer = await prisma.customer.create({ data: { tenantId } });
  const conversation = (channel: string, status: 'offered' | 'assigned') =>
    prisma.conversation.create({
      data: { tenantId, customerId: customer.id, channel, status, lastMessageAt: new Date() },
    });
  const chat = await conversation('chat', 'offered');
  const now = Date.now();
  await prisma.offer.create({
    data: {
      tenantId,
      conversationId: chat.id,
      agentId,
      offeredAt: new Date(now),
      expiresAt: new Date(now + 60_000),
    },
  });
  for (const channel of ['email', 'whatsapp']) {
    const work = await conversation(channel, 'assigned');
    await prisma.assignment.create({
      data: { tenantId, conversationId: work.id, agentId, assignedAt: new Date(now) },
    });
  }
  // Ended work and answered offers are not load.
  const done = await conversation('chat', 'assigned');
  await prisma.assignment.create({
    data: { tenantId, conversationId: done.id, agentId, assignedAt: new Date(now), endedAt: new Date(now) },
  });
  return { conversationId: chat.id };
}
