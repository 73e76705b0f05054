// Inboxes admin API over HTTP, on PostgreSQL and on the embedded PGlite: CRUD with masked secrets, per-channel
// validation, one address per channel across all tenants, tenant isolation and admin-only access.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface InboxBody {
  id: string;
  channel: string;
  name: string;
  address: string;
  defaultQueueId: string | null;
  active: boolean;
  webhookUrl: string | null;
  secrets: Record<string, { set: boolean; hint: string | null }>;
}

type ProblemBody = { code: string; errors?: Array<{ path: string; message: string }> };

const paths = (response: ApiResponse<unknown>): string[] =>
  ((response.body as ProblemBody).errors ?? []).map((e) => e.path);

const APP_SECRET = `app-secret-${randomBytes(12).toString('hex')}`;
const ACCESS_TOKEN = `access-${randomBytes(16).toString('hex')}`;
const digits = (): string => String(BigInt(`0x${randomBytes(6).toString('hex')}`));

describe.each<Mode>(['embedded', 'kafka+postgres'])('inboxes API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let otherAdmin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness(mode, {
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      SECRETS_KEY: randomBytes(32).toString('base64'),
    });
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, []);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    otherAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('creates, reads, lists, changes and deletes an inbox, never returning a secret in full', async () => {
    const queue = await admin.post<{ id: string }>('/v1/queues', { name: 'wa-queue' });
    const address = digits();
    const created = await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'whatsapp',
      name: 'WhatsApp',
      address,
      defaultQueueId: queue.body.id,
      secrets: { appSecret: APP_SECRET, verifyToken: 'short', accessToken: ACCESS_TOKEN },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      channel: 'whatsapp',
      address,
      active: true,
      defaultQueueId: queue.body.id,
      webhookUrl: `/v1/channels/whatsapp/${created.body.id}/webhook`,
      secrets: {
        appSecret: { set: true, hint: `…${APP_SECRET.slice(-4)}` },
        // Too short to hint at without giving most of it away.
        verifyToken: { set: true, hint: null },
        accessToken: { set: true, hint: `…${ACCESS_TOKEN.slice(-4)}` },
      },
    });
    const id = created.body.id;
    const stored = await harness.prisma.inbox.findUniqueOrThrow({ where: { id } });
    expect(stored.secretsCiphertext).not.toContain(APP_SECRET);

    const read = await admin.get<InboxBody>(`/v1/inboxes/${id}`);
    const list = await admin.get<{ items: InboxBody[] }>('/v1/inboxes?limit=50');
    const changed = await admin.patch<InboxBody>(`/v1/inboxes/${id}`, {
      name: 'WhatsApp EU',
      active: false,
      secrets: { verifyToken: null, accessToken: 'rotated-token-abcdefgh' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'WhatsApp EU',
      active: false,
      secrets: {
        appSecret: { set: true },
        verifyToken: { set: false, hint: null },
        accessToken: { set: true, hint: '…efgh' },
      },
    });
    for (const response of [created, read, list, changed]) {
      const text = JSON.stringify(response.body);
      expect(text).not.toContain(APP_SECRET);
      expect(text).not.toContain(ACCESS_TOKEN);
      expect(text).not.toContain('rotated-token');
      expect(text).not.toContain('short');
    }
    expect(list.body.items.map((i) => i.id)).toContain(id);

    expect((await admin.delete(`/v1/inboxes/${id}`)).status).toBe(204);
    expect((await admin.get(`/v1/inboxes/${id}`)).status).toBe(404);
  });

  it('pages inboxes by cursor', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await otherAdmin.post('/v1/inboxes', {
        channel: 'chat',
        name: `c${i}`,
        address: `site-${digits()}`,
      });
      expect(r.status).toBe(201);
    }
    const first = await otherAdmin.get<{ items: InboxBody[]; nextCursor: string | null }>(
      '/v1/inboxes?limit=2',
    );
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await otherAdmin.get<{ items: InboxBody[]; nextCursor: string | null }>(
      `/v1/inboxes?limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
  });

  it('stores email addresses lower-case and has no webhook or secrets for email', async () => {
    const created = await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'email',
      name: 'Support',
      address: `Help-${digits()}@Example.COM`,
    });
    expect(created.status).toBe(201);
    expect(created.body.address).toMatch(/^help-\d+@example\.com$/);
    expect(created.body.webhookUrl).toBeNull();
    expect(created.body.secrets).toEqual({});
  });

  it('refuses, naming the field, an address or secret that does not fit the channel, and NUL', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ channel: 'email', name: 'x', address: 'not-an-email' }, 'address'],
      [{ channel: 'whatsapp', name: 'x', address: '+351 21 000' }, 'address'],
      [{ channel: 'x', name: 'x', address: digits(), secrets: { appSecret: 'abc' } }, 'secrets.appSecret'],
      [
        { channel: 'email', name: 'x', address: `a${digits()}@example.com`, secrets: { accessToken: 'a' } },
        'secrets.accessToken',
      ],
      [{ channel: 'whatsapp', name: 'x', address: digits(), secrets: { password: 'a' } }, 'secrets'],
      [{ channel: 'chat', name: 'bad\u0000name', address: `s${digits()}` }, 'name'],
      [
        {
          channel: 'chat',
          name: 'x',
          address: `s${digits()}`,
          defaultQueueId: '01900000-0000-7000-8000-000000000000',
        },
        'defaultQueueId',
      ],
    ];
    for (const [body, path] of cases) {
      const response = await admin.post('/v1/inboxes', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(
        paths(response).some((p) => p === path || p.startsWith(`${path}`)),
        JSON.stringify(response.body),
      ).toBe(true);
    }
    const inbox = await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'messenger',
      name: 'Page',
      address: digits(),
    });
    const badPatch = await admin.patch(`/v1/inboxes/${inbox.body.id}`, {
      address: 'page@example.com',
      secrets: { consumerSecret: 'abc' },
    });
    expect(badPatch.status).toBe(400);
    expect(paths(badPatch).sort()).toEqual(['address', 'secrets.consumerSecret']);
  });

  it('keeps one inbox per channel and address across tenants: 409 naming address', async () => {
    const address = digits();
    const first = await admin.post('/v1/inboxes', { channel: 'x', name: 'X', address });
    expect(first.status).toBe(201);
    const again = await admin.post('/v1/inboxes', { channel: 'x', name: 'X again', address });
    const foreign = await otherAdmin.post('/v1/inboxes', { channel: 'x', name: 'Theirs', address });
    for (const response of [again, foreign]) {
      expect(response.status).toBe(409);
      expect(paths(response)).toEqual(['address']);
    }
    // The same id on another channel is another inbox.
    expect((await otherAdmin.post('/v1/inboxes', { channel: 'instagram', name: 'IG', address })).status).toBe(
      201,
    );
  });

  it("hides another tenant's inbox (404) and refuses agents and supervisors (403)", async () => {
    const mine = await admin.post<InboxBody>('/v1/inboxes', {
      channel: 'chat',
      name: 'Mine',
      address: `m${digits()}`,
    });
    const id = mine.body.id;
    expect((await otherAdmin.get(`/v1/inboxes/${id}`)).status).toBe(404);
    expect((await otherAdmin.patch(`/v1/inboxes/${id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await otherAdmin.delete(`/v1/inboxes/${id}`)).status).toBe(404);
    const list = await otherAdmin.get<{ items: InboxBody[] }>('/v1/inboxes?limit=100');
    expect(list.body.items.map((i) => i.id)).not.toContain(id);
    for (const role of ['agent', 'supervisor'] as const) {
      const client = await ApiClient.as(harness.url, harness.prisma, tenant, role);
      expect((await client.get('/v1/inboxes')).status).toBe(403);
      expect((await client.get(`/v1/inboxes/${id}`)).status).toBe(403);
      expect(
        (await client.post('/v1/inboxes', { channel: 'chat', name: 'n', address: `r${digits()}` })).status,
      ).toBe(403);
      expect((await client.patch(`/v1/inboxes/${id}`, { name: 'n' })).status).toBe(403);
      expect((await client.delete(`/v1/inboxes/${id}`)).status).toBe(403);
    }
    expect((await admin.get<InboxBody>(`/v1/inboxes/${id}`)).body.name).toBe('Mine');
  });

  it('serves the contracts as JSON Schema to signed-in users only', async () => {
    const agent = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    const schemas = await agent.get<Record<string, { properties?: Record<string, unknown> }>>('/v1/schemas');
    expect(schemas.status).toBe(200);
    expect(Object.keys(schemas.body)).toEqual(
      expect.arrayContaining(['inbound-contact.v1', 'agent-command.v1', 'routing-event.v1']),
    );
    expect(schemas.body['inbound-contact.v1'].properties).toHaveProperty('inboxId');
    expect((await ApiClient.anonymous(harness.url).get('/v1/schemas')).status).toBe(401);
  });
});
