// Queues and routing policies admin API over HTTP, on PostgreSQL and on the embedded PGlite: CRUD, the
// effective policy, overflow references, in-use guards, pagination, roles and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface QueueBody {
  id: string;
  name: string;
  policy: Record<string, unknown>;
  effectivePolicy?: Record<string, unknown>;
  openConversations?: number;
}

interface PolicyBody {
  id: string;
  name: string;
  version: number;
  document: Record<string, unknown>;
  queues?: Array<{ id: string; name: string }>;
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

type ProblemBody = { code: string; errors?: Array<{ path: string; message: string }> };

const paths = (response: ApiResponse<unknown>): string[] =>
  ((response.body as ProblemBody).errors ?? []).map((e) => e.path);

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe.each<Mode>(['embedded', 'kafka+postgres'])('queues and routing policies API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let supervisor: ApiClient;
  let agentRole: ApiClient;
  let otherAdmin: ApiClient;
  let seq = 0;

  async function queue(body: Record<string, unknown> = {}, as = admin): Promise<QueueBody> {
    const response = await as.post<QueueBody>('/v1/queues', { name: `q-${++seq}`, ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  async function policy(document: Record<string, unknown> = {}): Promise<PolicyBody> {
    const response = await admin.post<PolicyBody>('/v1/routing-policies', { name: `p-${++seq}`, document });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    agentRole = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    otherAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates, reads, changes and deletes a queue', async () => {
    const created = await queue({
      name: 'billing',
      policy: { strategy: 'longest-idle', requiredSkills: [{ skill: 'billing', minProficiency: 4 }] },
    });
    expect(created).toMatchObject({ name: 'billing', routingPolicyId: null, slaPolicyId: null });
    const read = await supervisor.get<QueueBody>(`/v1/queues/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ openConversations: 0, effectivePolicy: { strategy: 'longest-idle' } });

    const changed = await admin.patch<QueueBody>(`/v1/queues/${created.id}`, {
      name: 'billing-eu',
      policy: { offerTimeoutMs: { chat: 15_000 } },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'billing-eu', policy: { offerTimeoutMs: { chat: 15_000 } } });

    expect((await admin.delete(`/v1/queues/${created.id}`)).status).toBe(204);
    expect((await admin.get(`/v1/queues/${created.id}`)).status).toBe(404);
  });

  it('names every bad field', async () => {
    const bad = await admin.post('/v1/queues', {
      name: 'has spaces',
      policy: {
        strategy: 'random',
        relaxation: [
          { afterMs: 60_000, action: 'drop-optional' },
          { afterMs: 1_000, action: 'lower-proficiency', by: 2 },
        ],
      },
      extra: true,
    });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(expect.arrayContaining(['name', 'policy.strategy', '']));
    const order = await admin.post('/v1/queues', {
      name: 'ordered',
      policy: {
        relaxation: [
          { afterMs: 60_000, action: 'drop-optional' },
          { afterMs: 1_000, action: 'drop-optional' },
        ],
      },
    });
    expect(paths(order)).toEqual(['policy.relaxation.1.afterMs']);
    expect(paths(await admin.patch(`/v1/queues/${UNKNOWN_ID}`, {}))).toEqual(['']);
    expect((await admin.get('/v1/queues/not%20an%20id')).status).toBe(400);
    expect(paths(await admin.get('/v1/queues?limit=0'))).toEqual(['limit']);
  });

  it('accepts overflow only into queues of the same tenant, never into the queue itself', async () => {
    const target = await queue();
    const foreign = await queue({}, otherAdmin);
    const overflow = (queueId: string) => ({
      relaxation: [{ afterMs: 30_000, action: 'overflow', queueId }],
    });

    const source = await queue({ policy: overflow(target.id) });
    expect(source.policy).toEqual(overflow(target.id));
    const unknown = await admin.post('/v1/queues', { name: `q-${++seq}`, policy: overflow(foreign.id) });
    expect(unknown.status).toBe(400);
    expect(paths(unknown)).toEqual(['policy.relaxation.0.queueId']);
    const self = await admin.patch(`/v1/queues/${source.id}`, { policy: overflow(source.id) });
    expect(self.status).toBe(400);
    expect(paths(self)).toEqual(['policy.relaxation.0.queueId']);

    // An overflow target cannot disappear under the queue that overflows into it.
    expect((await admin.delete(`/v1/queues/${target.id}`)).status).toBe(409);
    expect((await admin.patch(`/v1/queues/${source.id}`, { policy: {} })).status).toBe(200);
    expect((await admin.delete(`/v1/queues/${target.id}`)).status).toBe(204);
  });

  it('refuses to delete a queue that still has open conversations', async () => {
    const busy = await queue();
    const customer = await harness.prisma.customer.create({ data: { tenantId: tenant.id } });
    const conversation = await harness.prisma.conversation.create({
      data: {
        tenantId: tenant.id,
        customerId: customer.id,
        channel: 'chat',
        queueId: busy.id,
        lastMessageAt: new Date(),
      },
    });
    expect((await admin.get<QueueBody>(`/v1/queues/${busy.id}`)).body.openConversations).toBe(1);
    const refused = await admin.delete<ProblemBody>(`/v1/queues/${busy.id}`);
    expect(refused.status).toBe(409);
    expect(refused.type).toContain('application/problem+json');
    await harness.prisma.conversation.update({
      where: { id: conversation.id },
      data: { status: 'resolved', resolvedAt: new Date() },
    });
    expect((await admin.delete(`/v1/queues/${busy.id}`)).status).toBe(204);
  });

  it('overlays a queue policy on its named routing policy and guards the reference', async () => {
    const named = await policy({
      strategy: 'best-fit',
      requiredSkills: [{ skill: 'billing', minProficiency: 5 }],
      offerTimeoutMs: { chat: 30_000, email: 120_000 },
    });
    expect(named.version).toBe(1);
    const user = await queue({
      routingPolicyId: named.id,
      policy: { strategy: 'round-robin', offerTimeoutMs: { chat: 10_000 } },
    });
    const read = await admin.get<QueueBody>(`/v1/queues/${user.id}`);
    expect(read.body.effectivePolicy).toEqual({
      strategy: 'round-robin',
      requiredSkills: [{ skill: 'billing', minProficiency: 5 }],
      offerTimeoutMs: { chat: 10_000, email: 120_000 },
    });
    expect((await supervisor.get<PolicyBody>(`/v1/routing-policies/${named.id}`)).body.queues).toEqual([
      { id: user.id, name: user.name },
    ]);

    // A policy in use cannot be deleted; once detached it can.
    expect((await admin.delete(`/v1/routing-policies/${named.id}`)).status).toBe(409);
    expect((await admin.patch(`/v1/queues/${user.id}`, { routingPolicyId: null })).status).toBe(200);
    expect((await admin.delete(`/v1/routing-policies/${named.id}`)).status).toBe(204);

    const foreign = await otherAdmin.post<PolicyBody>('/v1/routing-policies', {
      name: 'theirs',
      document: {},
    });
    const stolen = await admin.patch(`/v1/queues/${user.id}`, { routingPolicyId: foreign.body.id });
    expect(stolen.status).toBe(400);
    expect(paths(stolen)).toEqual(['routingPolicyId']);
  });

  it('versions a routing policy document and refuses one that would make a user queue overflow into itself', async () => {
    const named = await policy({ strategy: 'best-fit' });
    const renamed = await admin.patch<PolicyBody>(`/v1/routing-policies/${named.id}`, {
      name: `${named.name}-x`,
    });
    expect(renamed.body.version).toBe(1);
    const changed = await admin.patch<PolicyBody>(`/v1/routing-policies/${named.id}`, {
      document: { strategy: 'least-occupied' },
    });
    expect(changed.body).toMatchObject({ version: 2, document: { strategy: 'least-occupied' } });

    const user = await queue({ routingPolicyId: named.id });
    const loop = await admin.patch(`/v1/routing-policies/${named.id}`, {
      document: { relaxation: [{ afterMs: 1_000, action: 'overflow', queueId: user.id }] },
    });
    expect(loop.status).toBe(400);
    expect(paths(loop)).toEqual(['document.relaxation.0.queueId']);
    const missing = await admin.post('/v1/routing-policies', {
      name: `p-${++seq}`,
      document: { relaxation: [{ afterMs: 1_000, action: 'overflow', queueId: UNKNOWN_ID }] },
    });
    expect(paths(missing)).toEqual(['document.relaxation.0.queueId']);
    expect(
      paths(await admin.post('/v1/routing-policies', { name: '', document: { maxMissedOffers: 0 } })),
    ).toEqual(['name', 'document.maxMissedOffers']);
  });

  it('answers 409 naming the field for duplicate names', async () => {
    const first = await queue();
    const duplicate = await admin.post('/v1/queues', { name: first.name });
    expect(duplicate.status).toBe(409);
    expect(paths(duplicate)).toEqual(['name']);
    const second = await queue();
    expect(paths(await admin.patch(`/v1/queues/${second.id}`, { name: first.name }))).toEqual(['name']);
    const named = await policy();
    const dupPolicy = await admin.post('/v1/routing-policies', { name: named.name, document: {} });
    expect(dupPolicy.status).toBe(409);
    expect(paths(dupPolicy)).toEqual(['name']);
    // Names are per tenant: another tenant may use the same ones.
    expect((await otherAdmin.post('/v1/queues', { name: first.name })).status).toBe(201);
  });

  it('pages by id with limit and nextCursor', async () => {
    const fresh = await createTenantFixture(harness.prisma, []);
    const freshAdmin = await ApiClient.as(harness.url, harness.prisma, fresh, 'admin');
    for (let i = 0; i < 5; i++) {
      await queue({}, freshAdmin);
      expect((await freshAdmin.post('/v1/routing-policies', { name: `p-${i}`, document: {} })).status).toBe(
        201,
      );
    }
    for (const path of ['/v1/queues', '/v1/routing-policies']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page: ApiResponse<PageBody<{ id: string }>> = await freshAdmin.get(`${path}${query}`);
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((item) => item.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(5);
      expect([...seen].sort()).toEqual(seen);
    }
  });

  it('enforces roles: 401 without a token, supervisors read, only admins write, agents nothing', async () => {
    const anonymous = ApiClient.anonymous(harness.url);
    expect((await anonymous.get('/v1/queues')).status).toBe(401);
    expect((await anonymous.post('/v1/routing-policies', { name: 'x', document: {} })).status).toBe(401);
    const existing = await queue();
    expect((await supervisor.get('/v1/queues')).status).toBe(200);
    expect((await supervisor.get('/v1/routing-policies')).status).toBe(200);
    expect((await supervisor.post('/v1/queues', { name: 'nope' })).status).toBe(403);
    expect((await supervisor.patch(`/v1/queues/${existing.id}`, { name: 'nope' })).status).toBe(403);
    expect((await supervisor.delete(`/v1/queues/${existing.id}`)).status).toBe(403);
    expect((await supervisor.post('/v1/routing-policies', { name: 'nope', document: {} })).status).toBe(403);
    expect((await agentRole.get('/v1/queues')).status).toBe(403);
    expect((await agentRole.get('/v1/routing-policies')).status).toBe(403);
  });

  it("treats another tenant's ids as unknown", async () => {
    const mine = await queue();
    const named = await policy();
    for (const path of [`/v1/queues/${mine.id}`, `/v1/routing-policies/${named.id}`]) {
      expect((await otherAdmin.get(path)).status).toBe(404);
      expect((await otherAdmin.patch(path, { name: 'hijack' })).status).toBe(404);
      expect((await otherAdmin.delete(path)).status).toBe(404);
    }
    const theirs = await otherAdmin.get<PageBody<{ id: string }>>('/v1/queues');
    expect(theirs.body.items.map((q) => q.id)).not.toContain(mine.id);
    expect((await admin.get(`/v1/queues/${mine.id}`)).status).toBe(200);
  });
});
