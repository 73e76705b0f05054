// Conversation search over HTTP, on data made by the real flow: an integrator posts contacts on three channels,
// the router stores and threads them, and an agent accepts one over socket.io. Covers filters, pagination,
// agent-only visibility, tenant isolation and query validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Summary {
  id: string;
  customerId: string;
  channel: string;
  queueId: string | null;
  status: string;
  priority: number;
  tier: string;
  subject: string | null;
  createdAt: string;
  lastMessageAt: string;
  resolvedAt: string | null;
  assignedAgentId: string | null;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}
interface Problem {
  errors?: Array<{ path: string; message: string }>;
}

async function postContact(harness: Harness, tenant: TenantFixture, body: Record<string, unknown>) {
  const response = await fetch(`${harness.url}/v1/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
    body: JSON.stringify({ sentAt: new Date().toISOString(), ...body }),
  });
  expect(response.status).toBe(202);
}

/** Polls until the value satisfies the predicate; expect.poll is only allowed inside tests, not hooks. */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('conversation search (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let supervisor: ApiClient;
  let otherSupervisor: ApiClient;
  let aliceApi: ApiClient;
  let bobApi: ApiClient;
  let alice: AgentClient;
  const ids = { chat: '', email: '', whatsapp: '' };
  let beforeEmail = '';

  const list = async (client: ApiClient, query = ''): Promise<Page> => {
    const response = await client.get<Page>(`/v1/conversations${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };
  const idsOf = (page: Page) => page.items.map((c) => c.id);
  const waitForCount = (client: ApiClient, count: number) =>
    until(
      () => list(client),
      (page) => page.items.length === count,
    );

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    // Only chat capacity: the email and WhatsApp conversations wait in the queue, never offered to anyone.
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'alice', capacity: { chat: 1 } },
      { name: 'bob', capacity: { chat: 1 } },
    ]);
    other = await createTenantFixture(harness.prisma);
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    otherSupervisor = await ApiClient.as(harness.url, harness.prisma, other, 'supervisor');
    const [a, b] = tenant.agents;
    const aliceToken = await AgentClient.login(harness.url, tenant.slug, a.email, a.password);
    aliceApi = new ApiClient(harness.url, aliceToken);
    bobApi = new ApiClient(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, b.email, b.password),
    );
    alice = await AgentClient.connect(harness.url, aliceToken);
    await alice.command({ type: 'status.set', status: 'available' });
    await alice.next('agent.status-changed', (e) => e.status === 'available');

    await postContact(harness, tenant, {
      channel: 'chat',
      channelMessageId: 'chat-1',
      from: { address: 'ann@example.com', displayName: 'Ann' },
      body: 'Where is my parcel?',
      subject: 'Parcel',
      priority: 5,
      tier: 'gold',
    });
    const offer = await alice.next('offer.created');
    ids.chat = offer.conversationId as string;
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await alice.next('assignment.created');
    await waitForCount(supervisor, 1);
    beforeEmail = new Date().toISOString();
    await postContact(harness, tenant, {
      channel: 'email',
      channelMessageId: '<email-1@example.com>',
      from: { address: 'ann@example.com' },
      body: 'Following up by email',
    });
    await waitForCount(supervisor, 2);
    await postContact(harness, tenant, {
      channel: 'whatsapp',
      channelMessageId: 'wamid.1',
      from: { address: '+15550100', displayName: 'Bea' },
      body: 'Hi',
    });
    await waitForCount(supervisor, 3);
    const all = (await list(supervisor)).items;
    ids.email = all.find((c) => c.channel === 'email')!.id;
    ids.whatsapp = all.find((c) => c.channel === 'whatsapp')!.id;
    await postContact(harness, other, {
      channel: 'chat',
      channelMessageId: 'chat-1',
      from: { address: 'ann@example.com' },
      body: 'Same address, other tenant',
    });
    await waitForCount(otherSupervisor, 1);
  });

  afterAll(async () => {
    alice?.close();
    await harness?.close();
  });

  it("lists the tenant's conversations to a supervisor in id order, as summaries", async () => {
    const page = await list(supervisor);
    expect(idsOf(page)).toEqual([ids.chat, ids.email, ids.whatsapp]);
    expect(page.nextCursor).toBeNull();
    const chat = page.items[0];
    expect(chat).toMatchObject({
      channel: 'chat',
      status: 'assigned',
      priority: 5,
      tier: 'gold',
      subject: 'Parcel',
      queueId: null,
      resolvedAt: null,
      assignedAgentId: tenant.agents[0].id,
    });
    expect(Object.keys(chat).sort()).toEqual(
      [
        'id',
        'customerId',
        'channel',
        'queueId',
        'status',
        'priority',
        'tier',
        'subject',
        'createdAt',
        'lastMessageAt',
        'resolvedAt',
        'assignedAgentId',
      ].sort(),
    );
    expect(page.items[1]).toMatchObject({ channel: 'email', status: 'queued', assignedAgentId: null });
  });

  it('filters by status (one or many), channel, customer, assigned agent and queue', async () => {
    expect(idsOf(await list(supervisor, '?status=assigned'))).toEqual([ids.chat]);
    expect(idsOf(await list(supervisor, '?status=queued'))).toEqual([ids.email, ids.whatsapp]);
    expect(idsOf(await list(supervisor, '?status=queued,assigned'))).toHaveLength(3);
    expect(idsOf(await list(supervisor, '?status=assigned&status=resolved'))).toEqual([ids.chat]);
    expect(idsOf(await list(supervisor, '?channel=email'))).toEqual([ids.email]);
    expect(idsOf(await list(supervisor, `?agentId=${tenant.agents[0].id}`))).toEqual([ids.chat]);
    expect(idsOf(await list(supervisor, `?agentId=${tenant.agents[1].id}`))).toEqual([]);
    expect(idsOf(await list(supervisor, '?queueId=01900000-0000-7000-8000-000000000000'))).toEqual([]);
    const whatsapp = (await list(supervisor, '?channel=whatsapp')).items[0];
    const byCustomer = await list(supervisor, `?customerId=${whatsapp.customerId}`);
    expect(idsOf(byCustomer)).toEqual([ids.whatsapp]);
    expect(idsOf(await list(supervisor, `?customerId=${whatsapp.customerId}&status=assigned`))).toEqual([]);
  });

  it('filters by creation time: from is inclusive, to is exclusive', async () => {
    const from = encodeURIComponent(beforeEmail);
    expect(idsOf(await list(supervisor, `?createdFrom=${from}`))).toEqual([ids.email, ids.whatsapp]);
    expect(idsOf(await list(supervisor, `?createdTo=${from}`))).toEqual([ids.chat]);
    const email = (await list(supervisor, '?channel=email')).items[0];
    const at = encodeURIComponent(email.createdAt);
    const after = encodeURIComponent(new Date(Date.parse(email.createdAt) + 1).toISOString());
    expect(idsOf(await list(supervisor, `?createdFrom=${at}&createdTo=${after}`))).toEqual([ids.email]);
  });

  it('walks every page with limit and nextCursor, also under a filter', async () => {
    const walk = async (query: string): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(supervisor, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(1);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('?limit=1')).toEqual([ids.chat, ids.email, ids.whatsapp]);
    expect(await walk('?limit=1&status=queued')).toEqual([ids.email, ids.whatsapp]);
    const two = await list(supervisor, '?limit=2');
    expect(idsOf(two)).toEqual([ids.chat, ids.email]);
    expect(idsOf(await list(supervisor, `?limit=2&cursor=${two.nextCursor}`))).toEqual([ids.whatsapp]);
  });

  it('shows an agent only the conversations offered or assigned to them', async () => {
    expect(idsOf(await list(aliceApi))).toEqual([ids.chat]);
    expect(idsOf(await list(aliceApi, '?status=queued'))).toEqual([]);
    expect(idsOf(await list(bobApi))).toEqual([]);
    expect((await aliceApi.get(`/v1/conversations/${ids.email}`)).status).toBe(404);
    expect((await bobApi.get(`/v1/conversations/${ids.chat}`)).status).toBe(404);
    expect((await bobApi.get(`/v1/conversations/${ids.chat}/routing`)).status).toBe(404);
    expect((await aliceApi.get(`/v1/conversations/${ids.chat}`)).status).toBe(200);
  });

  it("answers 404 for another tenant's conversation and never lists it", async () => {
    expect((await otherSupervisor.get(`/v1/conversations/${ids.chat}`)).status).toBe(404);
    expect((await otherSupervisor.get(`/v1/conversations/${ids.chat}/routing`)).status).toBe(404);
    const theirs = await list(otherSupervisor);
    expect(theirs.items.map((c) => c.id)).not.toContain(ids.chat);
    expect(idsOf(await list(supervisor, `?customerId=${theirs.items[0].customerId}`))).toEqual([]);
  });

  it('rejects bad query parameters with a 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?status=weird', 'status'],
      ['?createdFrom=yesterday', 'createdFrom'],
      ['?createdTo=2026-13-01', 'createdTo'],
      ['?limit=0', 'limit'],
      ['?limit=201', 'limit'],
      ['?limit=ten', 'limit'],
      ['?channel=fax', 'channel'],
      ['?cursor=not%20a%20cursor', 'cursor'],
      ['?customerId=a%20b', 'customerId'],
      ['?createdFrom=2026-11-24T10:00:00Z&createdTo=2026-11-24T09:00:00Z', 'createdTo'],
    ];
    for (const [query, param] of cases) {
      const response = await supervisor.get<Problem>(`/v1/conversations${query}`);
      expect(response.status, query).toBe(400);
      expect(response.type).toContain('application/problem+json');
      expect(
        response.body.errors?.map((e) => e.path.split('.')[0]),
        query,
      ).toContain(param);
    }
    const unknown = await supervisor.get<Problem & { detail: string }>('/v1/conversations?stauts=queued');
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('stauts');
    const badId = await supervisor.get<Problem>('/v1/conversations/not%20an%20id');
    expect(badId.status).toBe(400);
    expect(badId.body.errors?.[0].path).toBe('conversationId');
  });

  it('requires a token', async () => {
    expect((await ApiClient.anonymous(harness.url).get('/v1/conversations')).status).toBe(401);
    expect((await ApiClient.anonymous(harness.url).get(`/v1/conversations/${ids.chat}`)).status).toBe(401);
  });

  it('finds a resolved conversation by status, with its resolution time and no live assignment', async () => {
    expect((await alice.command({ type: 'conversation.resolve', conversationId: ids.chat })).ok).toBe(true);
    await expect
      .poll(async () => idsOf(await list(supervisor, '?status=resolved')), { timeout: 20_000 })
      .toEqual([ids.chat]);
    const [resolved] = (await list(supervisor, '?status=resolved')).items;
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.assignedAgentId).toBeNull();
    expect(idsOf(await list(supervisor, `?agentId=${tenant.agents[0].id}`))).toEqual([]);
    // Still visible to the agent who handled it.
    expect(idsOf(await list(aliceApi))).toEqual([ids.chat]);
  });
});
