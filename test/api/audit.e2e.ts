// GET /v1/audit and the audit trail's guarantees, on PostgreSQL and on the embedded PGlite: an entry exists if and
// only if its change committed, each tenant reads only its own trail, admins only, newest first, with filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserPrincipal } from '@switchboard/auth';
import { AuditTrail, changeOf } from '../../libs/gateway-api/src/audit/audit-trail.service';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { userIdOf } from '../support/jwt-claims';

interface AuditEntryBody {
  id: string;
  at: string;
  actor: { userId: string; role: string };
  action: string;
  entityType: string;
  entityId: string;
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

const paths = (response: ApiResponse<unknown>): string[] =>
  ((response.body as { errors?: Array<{ path: string }> }).errors ?? []).map((e) => e.path);

describe.each<Mode>(['embedded', 'kafka+postgres'])('audit trail API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let secondAdmin: ApiClient;
  let foreignAdmin: ApiClient;
  let principal: UserPrincipal;
  const skillIds: string[] = [];

  const countEntries = (): Promise<number> =>
    harness.prisma.auditEntry.count({ where: { tenantId: tenant.id } });

  async function allPages(client: ApiClient, query: string): Promise<AuditEntryBody[][]> {
    const pages: AuditEntryBody[][] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse<PageBody<AuditEntryBody>> = await client.get<PageBody<AuditEntryBody>>(
        `/v1/audit?${query}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      pages.push(page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return pages;
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma);
    other = await createTenantFixture(harness.prisma);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    secondAdmin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    foreignAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
    // Only the actor's user id and role are recorded; the session id is not.
    principal = {
      kind: 'user',
      userId: userIdOf(admin),
      tenantId: tenant.id,
      agentId: null,
      role: 'admin',
      sessionId: 'not-recorded',
    };
    for (const [client, name] of [
      [admin, 'billing'],
      [secondAdmin, 'sales'],
      [admin, 'returns'],
      [secondAdmin, 'refunds'],
      [admin, 'vip'],
    ] as const) {
      const created = await client.post<{ id: string }>('/v1/skills', { name });
      expect(created.status).toBe(201);
      skillIds.push(created.body.id);
    }
    expect((await foreignAdmin.post('/v1/skills', { name: 'billing' })).status).toBe(201);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('lists the tenant trail newest first, a page at a time, each entry once', async () => {
    const pages = await allPages(admin, 'limit=2');
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const entries = pages.flat();
    expect(entries.map((e) => e.entityId)).toEqual([...skillIds].reverse());
    const times = entries.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('filters by entity type, entity, actor, action and time', async () => {
    const ids = async (query: string): Promise<string[]> =>
      (await allPages(admin, query)).flat().map((e) => e.entityId);
    expect(await ids('entityType=skill')).toHaveLength(5);
    expect(await ids('entityType=queue')).toEqual([]);
    expect(await ids(`entityId=${skillIds[1]}`)).toEqual([skillIds[1]]);
    expect(await ids(`actorId=${userIdOf(secondAdmin)}`)).toEqual([skillIds[3], skillIds[1]]);
    expect(await ids('action=deleted')).toEqual([]);
    const all = (await allPages(admin, 'limit=200')).flat();
    const third = all.find((e) => e.entityId === skillIds[2]);
    const from = encodeURIComponent(String(third?.at));
    const window = await ids(`from=${from}`);
    expect(window).toContain(skillIds[2]);
    expect(window).not.toContain(skillIds[0]);
    expect(await ids(`to=${from}`)).not.toContain(skillIds[2]);
  });

  it("keeps tenants apart: another tenant's admin never sees this tenant's entries", async () => {
    const foreign = (await allPages(foreignAdmin, 'limit=200')).flat();
    expect(foreign).toHaveLength(1);
    expect(skillIds).not.toContain(foreign[0].entityId);
    expect((await allPages(foreignAdmin, `entityId=${skillIds[0]}`)).flat()).toEqual([]);
    expect((await allPages(admin, 'limit=200')).flat().map((e) => e.entityId)).not.toContain(
      foreign[0].entityId,
    );
  });

  it('is for admins only', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const client = await ApiClient.as(harness.url, harness.prisma, tenant, role);
      expect((await client.get('/v1/audit')).status, role).toBe(403);
    }
    expect((await ApiClient.anonymous(harness.url).get('/v1/audit')).status).toBe(401);
  });

  it('answers 400 problem+json naming each bad query parameter', async () => {
    const cases: Array<[string, string[]]> = [
      ['entityType=planet', ['entityType']],
      ['action=exploded', ['action']],
      ['from=yesterday', ['from']],
      ['to=2026-13-40T00:00:00Z', ['to']],
      ['from=2026-12-04T10:00:00Z&to=2026-12-04T09:00:00Z', ['to']],
      ['limit=0', ['limit']],
      ['entityId=has%20spaces', ['entityId']],
      ['cursor=bm90LWEtY3Vyc29y', ['cursor']],
    ];
    for (const [query, expected] of cases) {
      const response = await admin.get(`/v1/audit?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.type).toMatch(/application\/problem\+json/);
      expect(paths(response), query).toEqual(expected);
    }
    // An unknown parameter is refused, not ignored; zod reports it on the query as a whole, by name.
    const unknown = await admin.get<{ errors: Array<{ message: string }> }>('/v1/audit?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toContain('colour');
  });

  it('records nothing for a write refused inside its transaction', async () => {
    const before = await countEntries();
    // A unique violation at the insert itself, inside the transaction.
    expect((await admin.post('/v1/skills', { name: 'billing' })).status).toBe(409);
    // A reference checked inside the transaction, after the team was read for its snapshot.
    const team = await admin.post<{ id: string }>('/v1/teams', { name: 'Night shift' });
    const refused = await admin.put(`/v1/teams/${team.body.id}/members`, { agentIds: [other.agents[0].id] });
    expect(refused.status).toBe(400);
    expect((await admin.delete('/v1/queues/01900000-0000-7000-8000-000000000000')).status).toBe(404);
    expect(await countEntries()).toBe(before + 1);
    expect((await allPages(admin, `entityId=${team.body.id}`)).flat().map((e) => e.action)).toEqual([
      'created',
    ]);
  });

  it('keeps an entry if and only if its change commits', async () => {
    const audit = harness.app.get(AuditTrail, { strict: false });
    const before = await countEntries();
    // The change fails after its write: neither the write nor an entry survives.
    await expect(
      audit.write(principal, async (tx) => {
        await tx.skill.create({ data: { tenantId: tenant.id, name: 'ghost' } });
        throw new Error('failed after writing');
      }),
    ).rejects.toThrow('failed after writing');
    // The entry cannot be written (no such role): the change it describes is rolled back with it.
    const badActor = { ...principal, role: 'root' as UserPrincipal['role'] };
    await expect(
      audit.write(badActor, async (tx) => {
        const skill = await tx.skill.create({ data: { tenantId: tenant.id, name: 'phantom' } });
        return { result: skill, change: changeOf('skill', 'created', null, skill) };
      }),
    ).rejects.toThrow();
    const names = (await harness.prisma.skill.findMany({ where: { tenantId: tenant.id } })).map(
      (s) => s.name,
    );
    expect(names).not.toContain('ghost');
    expect(names).not.toContain('phantom');
    expect(await countEntries()).toBe(before);
  });
});
