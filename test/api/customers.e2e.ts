// Customer profiles over HTTP, on data made by the real flow: one customer writes on chat and by email (one
// profile, an identity per channel), another on WhatsApp. Covers search, the profile with its history,
// preferences, agent-only visibility, tenant isolation and validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Customer {
  id: string;
  displayName: string | null;
  preferredLanguage: string | null;
  preferredAgentId: string | null;
  identities: Array<{ channel: string; address: string }>;
}
interface Profile extends Customer {
  conversationCounts: Record<string, number>;
  conversations: Array<{ id: string; channel: string; status: string }>;
  conversationsTruncated: boolean;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface Problem {
  errors?: Array<{ path: string }>;
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

describe.each<Mode>(['embedded', 'kafka+postgres'])('customers (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let supervisor: ApiClient;
  let admin: ApiClient;
  let otherSupervisor: ApiClient;
  let aliceApi: ApiClient;
  let bobApi: ApiClient;
  let alice: AgentClient;
  const ids = { ann: '', bea: '', otherAnn: '', chat: '', email: '' };

  const search = async (client: ApiClient, query = ''): Promise<string[]> => {
    const response = await client.get<Page<Customer>>(`/v1/customers${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.items.map((c) => c.id);
  };
  const conversationCount = async (client: ApiClient): Promise<number> =>
    (await client.get<Page<unknown>>('/v1/conversations')).body.items.length;

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120', RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'alice', capacity: { chat: 1 } },
      { name: 'bob', capacity: { chat: 1 } },
    ]);
    other = await createTenantFixture(harness.prisma);
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
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

    const ann = { address: 'ann@example.com', displayName: 'Ann Example' };
    await postContact(harness, tenant, { channel: 'chat', channelMessageId: 'c-1', from: ann, body: 'Hi' });
    const offer = await alice.next('offer.created');
    ids.chat = offer.conversationId as string;
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await alice.next('assignment.created');
    await until(
      () => conversationCount(supervisor),
      (n) => n === 1,
    );
    // Only chat capacity: the email waits in the queue, never offered to anyone.
    await postContact(harness, tenant, {
      channel: 'email',
      channelMessageId: '<e-1@x>',
      from: ann,
      body: 'Hi',
    });
    await until(
      () => conversationCount(supervisor),
      (n) => n === 2,
    );
    await postContact(harness, tenant, {
      channel: 'whatsapp',
      channelMessageId: 'wamid.1',
      from: { address: '+15550100', displayName: 'Bea' },
      body: 'Hello',
    });
    await until(
      () => conversationCount(supervisor),
      (n) => n === 3,
    );
    await postContact(harness, other, { channel: 'chat', channelMessageId: 'c-1', from: ann, body: 'Hi' });
    await until(
      () => conversationCount(otherSupervisor),
      (n) => n === 1,
    );

    const conversations = (
      await supervisor.get<Page<{ id: string; channel: string; customerId: string }>>('/v1/conversations')
    ).body.items;
    ids.ann = conversations.find((c) => c.channel === 'chat')!.customerId;
    ids.email = conversations.find((c) => c.channel === 'email')!.id;
    ids.bea = conversations.find((c) => c.channel === 'whatsapp')!.customerId;
    ids.otherAnn = (await search(otherSupervisor))[0];
  });

  afterAll(async () => {
    alice?.close();
    await harness?.close();
  });

  it('finds customers by identity, by channel, and by display name', async () => {
    const ann = encodeURIComponent('ann@example.com');
    expect(await search(supervisor, `?channel=chat&address=${ann}`)).toEqual([ids.ann]);
    expect(await search(supervisor, `?channel=whatsapp&address=${ann}`)).toEqual([]);
    expect(await search(supervisor, `?address=${encodeURIComponent('+15550100')}`)).toEqual([ids.bea]);
    expect(await search(supervisor, '?channel=whatsapp')).toEqual([ids.bea]);
    const byName = await search(supervisor, '?displayName=EXAMPLE');
    expect(byName).toContain(ids.ann);
    expect(byName).not.toContain(ids.bea);
    expect(await search(supervisor, '?displayName=nobody')).toEqual([]);
  });

  it('walks the pages in id order with limit and nextCursor', async () => {
    const all = await search(supervisor);
    expect(all).toEqual(expect.arrayContaining([ids.ann, ids.bea]));
    expect([...all].sort()).toEqual(all);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Customer> = (
        await supervisor.get<Page<Customer>>(`/v1/customers?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(1);
      walked.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);
  });

  it('shows a profile with its identities, history and counts by status', async () => {
    const response = await supervisor.get<Profile>(`/v1/customers/${ids.bea}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: ids.bea,
      displayName: 'Bea',
      preferredLanguage: null,
      preferredAgentId: null,
      identities: [{ channel: 'whatsapp', address: '+15550100' }],
      conversationCounts: { queued: 1, offered: 0, assigned: 0, resolved: 0, total: 1 },
      conversations: [{ channel: 'whatsapp', status: 'queued' }],
      conversationsTruncated: false,
    });
  });

  it('merges the same address on two channels into one profile, history newest first', async () => {
    const ann = encodeURIComponent('ann@example.com');
    expect(await search(supervisor, `?channel=email&address=${ann}`)).toEqual([ids.ann]);
    const response = await supervisor.get<Profile>(`/v1/customers/${ids.ann}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: ids.ann,
      displayName: 'Ann Example',
      identities: [
        { channel: 'chat', address: 'ann@example.com' },
        { channel: 'email', address: 'ann@example.com' },
      ],
      conversationCounts: { queued: 1, offered: 0, assigned: 1, resolved: 0, total: 2 },
      conversationsTruncated: false,
    });
    expect(response.body.conversations.map((c) => c.id)).toEqual([ids.email, ids.chat]);
  });

  it('shows an agent only their customers, and only the conversations they took part in', async () => {
    expect(await search(aliceApi)).toEqual([ids.ann]);
    const profile = await aliceApi.get<Profile>(`/v1/customers/${ids.ann}`);
    expect(profile.status).toBe(200);
    expect(profile.body.conversations.map((c) => c.id)).toEqual([ids.chat]);
    expect(profile.body.conversationCounts.total).toBe(1);
    expect((await aliceApi.get(`/v1/customers/${ids.bea}`)).status).toBe(404);
    expect(await search(bobApi)).toEqual([]);
    expect((await bobApi.get(`/v1/customers/${ids.ann}`)).status).toBe(404);
  });

  it("answers 404 for another tenant's customer, on reads and writes", async () => {
    expect((await otherSupervisor.get(`/v1/customers/${ids.ann}`)).status).toBe(404);
    expect((await otherSupervisor.patch(`/v1/customers/${ids.ann}`, { displayName: 'x' })).status).toBe(404);
    expect((await supervisor.get(`/v1/customers/${ids.otherAnn}`)).status).toBe(404);
    expect(await search(otherSupervisor, `?address=${encodeURIComponent('ann@example.com')}`)).toEqual([
      ids.otherAnn,
    ]);
  });

  it('lets supervisors and admins set preferences, and not agents', async () => {
    const alice = tenant.agents[0].id;
    const updated = await supervisor.patch<Customer>(`/v1/customers/${ids.ann}`, {
      displayName: 'Ann E.',
      preferredLanguage: 'pt-BR',
      preferredAgentId: alice,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: 'Ann E.',
      preferredLanguage: 'pt-BR',
      preferredAgentId: alice,
    });
    const profile = (await supervisor.get<Profile>(`/v1/customers/${ids.ann}`)).body;
    expect(profile).toMatchObject({
      displayName: 'Ann E.',
      preferredLanguage: 'pt-BR',
      preferredAgentId: alice,
    });
    const cleared = await admin.patch<Customer>(`/v1/customers/${ids.ann}`, { preferredAgentId: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ preferredAgentId: null, preferredLanguage: 'pt-BR' });
    expect((await aliceApi.patch(`/v1/customers/${ids.ann}`, { displayName: 'x' })).status).toBe(403);
    expect((await ApiClient.anonymous(harness.url).patch(`/v1/customers/${ids.ann}`, {})).status).toBe(401);
    expect((await ApiClient.anonymous(harness.url).get('/v1/customers')).status).toBe(401);
  });

  it('rejects bad preferences with a 400 naming the field', async () => {
    const bob = tenant.agents[1].id;
    await harness.prisma.agent.update({ where: { id: bob }, data: { active: false } });
    const cases: Array<[unknown, string]> = [
      [{ preferredLanguage: 'not a tag!' }, 'preferredLanguage'],
      [{ preferredAgentId: other.agents[0].id }, 'preferredAgentId'],
      [{ preferredAgentId: bob }, 'preferredAgentId'],
      [{ preferredAgentId: 'no such agent' }, 'preferredAgentId'],
      [{ displayName: '' }, 'displayName'],
      [{ displayName: 'x'.repeat(201) }, 'displayName'],
    ];
    for (const [body, field] of cases) {
      const response = await supervisor.patch<Problem>(`/v1/customers/${ids.ann}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(
        response.body.errors?.map((e) => e.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect((await supervisor.patch(`/v1/customers/${ids.ann}`, {})).status).toBe(400);
    expect((await supervisor.patch(`/v1/customers/${ids.ann}`, { tier: 'gold' })).status).toBe(400);
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await supervisor.patch(`/v1/customers/${unknown}`, { displayName: 'x' })).status).toBe(404);
    const badId = await supervisor.get<Problem>('/v1/customers/not%20an%20id');
    expect(badId.status).toBe(400);
    expect(badId.body.errors?.[0].path).toBe('customerId');
  });

  it('rejects bad search parameters with a 400 naming the parameter', async () => {
    for (const [query, param] of [
      ['?channel=fax', 'channel'],
      ['?limit=0', 'limit'],
      ['?address=', 'address'],
      [`?displayName=${'x'.repeat(201)}`, 'displayName'],
    ]) {
      const response = await supervisor.get<Problem>(`/v1/customers${query}`);
      expect(response.status, query).toBe(400);
      expect(
        response.body.errors?.map((e) => e.path),
        query,
      ).toContain(param);
    }
    expect((await supervisor.get('/v1/customers?name=ann')).status).toBe(400);
  });
});
