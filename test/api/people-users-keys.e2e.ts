// Users and API keys admin API over HTTP, on PostgreSQL and on the embedded PGlite. Admins only; secrets and
// password hashes never leave the server, and a revoked key stops working at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface UserBody {
  id: string;
  email: string;
  role: string;
  agentId: string | null;
}

interface ApiKeyBody {
  id: string;
  name: string;
  prefix: string;
  channels: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

const paths = (response: ApiResponse<unknown>): string[] =>
  ((response.body as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);

const PASSWORD = 'a long enough passphrase';

describe.each<Mode>(['embedded', 'kafka+postgres'])('users and API keys API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let supervisor: ApiClient;
  let foreignAdmin: ApiClient;

  async function ingest(apiKey: string, id: string, channel = 'chat'): Promise<number> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        channel,
        channelMessageId: id,
        from: { address: `${id}@example.com` },
        body: id,
        sentAt: new Date().toISOString(),
      }),
    });
    return response.status;
  }

  async function pagesOf<T>(client: ApiClient, path: string): Promise<T[][]> {
    const pages: T[][] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<PageBody<T>> = await client.get<PageBody<T>>(
        `${path}?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      pages.push(page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ann' }, { name: 'bob' }]);
    other = await createTenantFixture(harness.prisma, [{ name: 'stranger' }]);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    foreignAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  describe('users', () => {
    it('creates a login that works, hashes its password and never returns the hash', async () => {
      const agent = await harness.prisma.agent.create({
        data: { tenantId: tenant.id, displayName: 'New', email: 'new@example.com', capacity: { chat: 1 } },
      });
      const created = await admin.post<UserBody>('/v1/users', {
        email: 'New@Example.com',
        password: PASSWORD,
        role: 'agent',
        agentId: agent.id,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: 'new@example.com', role: 'agent', agentId: agent.id });
      expect(Object.keys(created.body).sort()).toEqual(['agentId', 'createdAt', 'email', 'id', 'role']);
      const stored = await harness.prisma.user.findUniqueOrThrow({ where: { id: created.body.id } });
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      const token = await AgentClient.login(harness.url, tenant.slug, 'new@example.com', PASSWORD);
      expect(token).toEqual(expect.any(String));
      const listed = await admin.get<PageBody<Record<string, unknown>>>('/v1/users?limit=200');
      expect(JSON.stringify(listed.body)).not.toMatch(/passwordHash|argon2/);
    });

    it('validates bodies, references and uniqueness', async () => {
      const bad = await admin.post('/v1/users', { email: 'x', password: 'short', role: 'root' });
      expect(bad.status).toBe(400);
      expect(paths(bad)).toEqual(expect.arrayContaining(['email', 'password', 'role']));
      const foreignAgent = await admin.post('/v1/users', {
        email: 'thief@example.com',
        password: PASSWORD,
        role: 'agent',
        agentId: other.agents[0].id,
      });
      expect(foreignAgent.status).toBe(400);
      expect(paths(foreignAgent)).toEqual(['agentId']);
      const takenAgent = await admin.post('/v1/users', {
        email: 'second-login@example.com',
        password: PASSWORD,
        role: 'agent',
        agentId: tenant.agents[0].id,
      });
      expect(takenAgent.status).toBe(409);
      expect(paths(takenAgent)).toEqual(['agentId']);
      const takenEmail = await admin.post('/v1/users', {
        email: tenant.agents[0].email.toUpperCase(),
        password: PASSWORD,
        role: 'supervisor',
      });
      expect(takenEmail.status).toBe(409);
      expect(paths(takenEmail)).toEqual(['email']);
    });

    it('is for admins only, reads included', async () => {
      expect((await supervisor.get('/v1/users')).status).toBe(403);
      expect(
        (await supervisor.post('/v1/users', { email: 'a@b.co', password: PASSWORD, role: 'admin' })).status,
      ).toBe(403);
      expect((await ApiClient.anonymous(harness.url).get('/v1/users')).status).toBe(401);
      const foreignUser = (await foreignAdmin.get<PageBody<UserBody>>('/v1/users')).body.items[0];
      expect((await admin.patch(`/v1/users/${foreignUser.id}`, { role: 'agent' })).status).toBe(404);
      expect((await admin.delete(`/v1/users/${foreignUser.id}`)).status).toBe(404);
      const mine = await admin.get<PageBody<UserBody>>('/v1/users?limit=200');
      expect(mine.body.items.map((u) => u.id)).not.toContain(foreignUser.id);
    });

    it('changes role, password and agent link, and deletes the login', async () => {
      const user = (
        await admin.post<UserBody>('/v1/users', {
          email: 'sup@example.com',
          password: PASSWORD,
          role: 'supervisor',
        })
      ).body;
      const agentId = tenant.agents[1].id;
      await harness.prisma.user.updateMany({ where: { agentId }, data: { agentId: null } });
      const linked = await admin.patch<UserBody>(`/v1/users/${user.id}`, { role: 'agent', agentId });
      expect(linked.body).toMatchObject({ role: 'agent', agentId });
      const newPassword = 'another long passphrase';
      expect(
        (await admin.patch(`/v1/users/${user.id}`, { password: newPassword, agentId: null })).status,
      ).toBe(200);
      await expect(AgentClient.login(harness.url, tenant.slug, 'sup@example.com', PASSWORD)).rejects.toThrow(
        /401/,
      );
      expect(await AgentClient.login(harness.url, tenant.slug, 'sup@example.com', newPassword)).toEqual(
        expect.any(String),
      );
      expect((await admin.patch(`/v1/users/${user.id}`, { password: 'short' })).status).toBe(400);
      expect((await admin.delete(`/v1/users/${user.id}`)).status).toBe(204);
      await expect(
        AgentClient.login(harness.url, tenant.slug, 'sup@example.com', newPassword),
      ).rejects.toThrow(/401/);
    });

    it('keeps the last admin of a tenant', async () => {
      const [self] = (await admin.get<PageBody<UserBody>>('/v1/users?role=admin')).body.items;
      const demote = await admin.patch(`/v1/users/${self.id}`, { role: 'supervisor' });
      expect(demote.status).toBe(409);
      expect((await admin.delete(`/v1/users/${self.id}`)).status).toBe(409);
      const second = await admin.post<UserBody>('/v1/users', {
        email: 'second-admin@example.com',
        password: PASSWORD,
        role: 'admin',
      });
      expect((await admin.delete(`/v1/users/${second.body.id}`)).status).toBe(204);
    });

    it('pages through users by cursor', async () => {
      const all = (await admin.get<PageBody<UserBody>>('/v1/users?limit=200')).body.items;
      const pages = await pagesOf<UserBody>(admin, '/v1/users');
      expect(pages.flat().map((u) => u.id)).toEqual(all.map((u) => u.id));
      expect(pages.length).toBe(Math.ceil(all.length / 2));
      expect(all.length).toBeGreaterThan(2);
    });
  });

  describe('API keys', () => {
    it('issues a key once, lists it without secrets, and revokes it for good', async () => {
      const created = await admin.post<ApiKeyBody>('/v1/api-keys', { name: 'crm', channels: ['chat'] });
      expect(created.status).toBe(201);
      const key = created.body.key!;
      expect(key).toMatch(new RegExp(`^sb_${created.body.prefix}_`));
      expect(created.body).toMatchObject({
        name: 'crm',
        channels: ['chat'],
        revokedAt: null,
        lastUsedAt: null,
      });

      expect(await ingest(key, `${mode}-key-1`)).toBe(202);
      expect(await ingest(key, `${mode}-key-2`, 'email')).toBe(403);

      const listed = await admin.get<PageBody<ApiKeyBody>>('/v1/api-keys?limit=200');
      const row = listed.body.items.find((k) => k.id === created.body.id)!;
      expect(Object.keys(row).sort()).toEqual([
        'channels',
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
        'revokedAt',
      ]);
      expect(row.lastUsedAt).not.toBeNull();
      // The secret is base64url and may itself contain '_', so cut it after the prefix.
      const secret = key.slice(`sb_${created.body.prefix}_`.length);
      expect(secret).toHaveLength(43);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      expect((await admin.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);
      expect(await ingest(key, `${mode}-key-3`)).toBe(401);
      const revoked = (await admin.get<PageBody<ApiKeyBody>>('/v1/api-keys?limit=200')).body.items.find(
        (k) => k.id === created.body.id,
      )!;
      expect(revoked.revokedAt).not.toBeNull();
      expect((await admin.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(204);
      const again = (await admin.get<PageBody<ApiKeyBody>>('/v1/api-keys?limit=200')).body.items.find(
        (k) => k.id === created.body.id,
      )!;
      expect(again.revokedAt).toBe(revoked.revokedAt);
    });

    it('validates channels and name', async () => {
      const bad = await admin.post('/v1/api-keys', { name: '', channels: ['fax'] });
      expect(bad.status).toBe(400);
      expect(paths(bad)).toEqual(expect.arrayContaining(['name', 'channels.0']));
      const repeated = await admin.post('/v1/api-keys', { name: 'dup', channels: ['chat', 'chat'] });
      expect(repeated.status).toBe(400);
      expect(paths(repeated)).toEqual(['channels']);
      const everyChannel = await admin.post<ApiKeyBody>('/v1/api-keys', { name: 'all' });
      expect(everyChannel.body.channels).toEqual([]);
      expect(await ingest(everyChannel.body.key!, `${mode}-all-1`, 'whatsapp')).toBe(202);
    });

    it("is for admins only, and cannot touch another tenant's key", async () => {
      expect((await supervisor.get('/v1/api-keys')).status).toBe(403);
      expect((await supervisor.post('/v1/api-keys', { name: 'x' })).status).toBe(403);
      expect((await ApiClient.anonymous(harness.url).post('/v1/api-keys', { name: 'x' })).status).toBe(401);
      const foreign = await foreignAdmin.post<ApiKeyBody>('/v1/api-keys', { name: 'theirs' });
      expect((await admin.delete(`/v1/api-keys/${foreign.body.id}`)).status).toBe(404);
      expect(await ingest(foreign.body.key!, `${mode}-foreign-1`)).toBe(202);
      const mine = await admin.get<PageBody<ApiKeyBody>>('/v1/api-keys?limit=200');
      expect(mine.body.items.map((k) => k.id)).not.toContain(foreign.body.id);
    });

    it('pages through keys by cursor', async () => {
      for (let i = 0; i < 3; i++) await admin.post('/v1/api-keys', { name: `page-${i}` });
      const all = (await admin.get<PageBody<ApiKeyBody>>('/v1/api-keys?limit=200')).body.items;
      const pages = await pagesOf<ApiKeyBody>(admin, '/v1/api-keys');
      expect(pages.flat().map((k) => k.id)).toEqual(all.map((k) => k.id));
      expect(pages.length).toBe(Math.ceil(all.length / 2));
    });
  });
});
