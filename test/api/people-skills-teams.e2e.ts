// Skill catalog and teams admin API over HTTP, on PostgreSQL and on the embedded PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface SkillBody {
  id: string;
  name: string;
  description: string | null;
}

interface TeamBody {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  agentIds?: string[];
}

interface PageBody<T> {
  items: T[];
  nextCursor: string | null;
}

interface ProblemBody {
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}

const problem = (response: ApiResponse<unknown>): ProblemBody => response.body as ProblemBody;
const paths = (response: ApiResponse<unknown>): string[] =>
  (problem(response).errors ?? []).map((e) => e.path);

async function walk<T extends { id: string }>(
  client: ApiClient,
  path: string,
  limit: number,
): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page: ApiResponse<PageBody<T>> = await client.get<PageBody<T>>(
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    pages.push(page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return pages;
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('skills and teams API (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let admin: ApiClient;
  let supervisor: ApiClient;
  let foreignAdmin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }]);
    other = await createTenantFixture(harness.prisma, [{ name: 'stranger' }]);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    supervisor = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    foreignAdmin = await ApiClient.as(harness.url, harness.prisma, other, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  describe('skills', () => {
    it('creates, lists by page and filters the catalog', async () => {
      const names = ['billing', 'billing.refunds', 'sales', 'tech', 'vip'];
      const created: SkillBody[] = [];
      for (const name of names) {
        const response = await admin.post<SkillBody>('/v1/skills', { name, description: `${name} work` });
        expect(response.status).toBe(201);
        created.push(response.body);
      }
      expect(created[0]).toMatchObject({ name: 'billing', description: 'billing work' });
      const pages = await walk<SkillBody>(supervisor, '/v1/skills', 2);
      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().map((s) => s.id)).toEqual(created.map((s) => s.id));
      const filtered = await supervisor.get<PageBody<SkillBody>>('/v1/skills?q=BILL');
      expect(filtered.body.items.map((s) => s.name)).toEqual(['billing', 'billing.refunds']);
      const foreign = await foreignAdmin.get<PageBody<SkillBody>>('/v1/skills');
      expect(foreign.body.items).toEqual([]);
    });

    it('refuses duplicates, bad names and writes by non-admins', async () => {
      const duplicate = await admin.post('/v1/skills', { name: 'sales' });
      expect(duplicate.status).toBe(409);
      expect(paths(duplicate)).toEqual(['name']);
      const bad = await admin.post('/v1/skills', { name: 'has spaces', description: 'x'.repeat(501) });
      expect(bad.status).toBe(400);
      expect(paths(bad)).toEqual(expect.arrayContaining(['name', 'description']));
      expect((await supervisor.post('/v1/skills', { name: 'nope' })).status).toBe(403);
      expect((await ApiClient.anonymous(harness.url).get('/v1/skills')).status).toBe(401);
      // Another tenant may use the same name.
      expect((await foreignAdmin.post('/v1/skills', { name: 'sales' })).status).toBe(201);
    });

    it("answers 404 for another tenant's skill", async () => {
      const foreign = await foreignAdmin.post<SkillBody>('/v1/skills', { name: 'foreign-only' });
      expect((await admin.patch(`/v1/skills/${foreign.body.id}`, { description: 'mine' })).status).toBe(404);
      expect((await admin.delete(`/v1/skills/${foreign.body.id}`)).status).toBe(404);
    });

    it('renames and deletes a skill only while no agent holds it', async () => {
      const skill = (await admin.post<SkillBody>('/v1/skills', { name: 'german' })).body;
      const renamed = await admin.patch<SkillBody>(`/v1/skills/${skill.id}`, {
        name: 'deutsch',
        description: null,
      });
      expect(renamed.body).toMatchObject({ name: 'deutsch', description: null });
      const clash = await admin.patch(`/v1/skills/${skill.id}`, { name: 'sales' });
      expect(clash.status).toBe(409);
      expect(paths(clash)).toEqual(['name']);

      const holder = tenant.agents[0].id;
      expect((await admin.patch(`/v1/agents/${holder}`, { skills: { deutsch: 6 } })).status).toBe(200);
      const refusedDelete = await admin.delete(`/v1/skills/${skill.id}`);
      expect(refusedDelete.status).toBe(409);
      expect(problem(refusedDelete).detail).toContain(holder);
      expect((await admin.patch(`/v1/skills/${skill.id}`, { name: 'german' })).status).toBe(409);
      // A description change is harmless while it is held.
      expect((await admin.patch(`/v1/skills/${skill.id}`, { description: 'Deutsch' })).status).toBe(200);

      expect((await admin.patch(`/v1/agents/${holder}`, { skills: {} })).status).toBe(200);
      expect((await admin.delete(`/v1/skills/${skill.id}`)).status).toBe(204);
      expect((await admin.delete(`/v1/skills/${skill.id}`)).status).toBe(404);
    });
  });

  describe('teams', () => {
    it('creates a team, replaces its members and reads them back', async () => {
      const created = await admin.post<TeamBody>('/v1/teams', { name: 'Tier 1', description: 'First line' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Tier 1', memberCount: 0, agentIds: [] });
      const [ann, bob, cy] = tenant.agents.map((a) => a.id);
      const replaced = await admin.put<TeamBody>(`/v1/teams/${created.body.id}/members`, {
        agentIds: [cy, ann],
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ memberCount: 2, agentIds: [ann, cy].sort() });
      const again = await admin.put<TeamBody>(`/v1/teams/${created.body.id}/members`, { agentIds: [bob] });
      expect(again.body.agentIds).toEqual([bob]);
      const read = await supervisor.get<TeamBody>(`/v1/teams/${created.body.id}`);
      expect(read.body).toMatchObject({ name: 'Tier 1', description: 'First line', agentIds: [bob] });
      const emptied = await admin.put<TeamBody>(`/v1/teams/${created.body.id}/members`, { agentIds: [] });
      expect(emptied.body.memberCount).toBe(0);
    });

    it("refuses members that are not this tenant's agents, naming the bad id", async () => {
      const team = (await admin.post<TeamBody>('/v1/teams', { name: 'Strict' })).body;
      const foreignAgent = other.agents[0].id;
      const refused = await admin.put(`/v1/teams/${team.id}/members`, {
        agentIds: [tenant.agents[0].id, foreignAgent],
      });
      expect(refused.status).toBe(400);
      expect(problem(refused).detail).toContain(foreignAgent);
      expect(problem(refused).errors).toEqual([
        { path: 'agentIds.1', message: expect.stringContaining(foreignAgent) as unknown },
      ]);
      expect((await admin.get<TeamBody>(`/v1/teams/${team.id}`)).body.agentIds).toEqual([]);
      const repeated = await admin.put(`/v1/teams/${team.id}/members`, {
        agentIds: [tenant.agents[0].id, tenant.agents[0].id],
      });
      expect(repeated.status).toBe(400);
      expect(paths(repeated)).toEqual(['agentIds']);
    });

    it('lists teams by page with member counts, and updates and deletes them', async () => {
      const prefix = `page-${mode}`;
      const made: TeamBody[] = [];
      for (let i = 0; i < 3; i++)
        made.push((await admin.post<TeamBody>('/v1/teams', { name: `${prefix} ${i}` })).body);
      await admin.put(`/v1/teams/${made[1].id}/members`, { agentIds: tenant.agents.map((a) => a.id) });
      const pages = await walk<TeamBody>(supervisor, `/v1/teams?q=${encodeURIComponent(prefix)}`, 2);
      expect(pages.map((p) => p.length)).toEqual([2, 1]);
      expect(pages.flat().map((t) => [t.id, t.memberCount])).toEqual([
        [made[0].id, 0],
        [made[1].id, 3],
        [made[2].id, 0],
      ]);

      const duplicate = await admin.patch(`/v1/teams/${made[0].id}`, { name: made[1].name });
      expect(duplicate.status).toBe(409);
      expect(paths(duplicate)).toEqual(['name']);
      const renamed = await admin.patch<TeamBody>(`/v1/teams/${made[0].id}`, { name: `${prefix} renamed` });
      expect(renamed.body.name).toBe(`${prefix} renamed`);

      expect((await admin.delete(`/v1/teams/${made[1].id}`)).status).toBe(204);
      expect((await admin.get(`/v1/teams/${made[1].id}`)).status).toBe(404);
      expect(await harness.prisma.teamMember.count({ where: { teamId: made[1].id } })).toBe(0);
      expect(await harness.prisma.agent.count({ where: { tenantId: tenant.id } })).toBe(3);
    });

    it('enforces roles and tenant isolation', async () => {
      const team = (await admin.post<TeamBody>('/v1/teams', { name: 'Guarded' })).body;
      expect((await supervisor.post('/v1/teams', { name: 'x' })).status).toBe(403);
      expect((await supervisor.patch(`/v1/teams/${team.id}`, { name: 'x' })).status).toBe(403);
      expect((await supervisor.put(`/v1/teams/${team.id}/members`, { agentIds: [] })).status).toBe(403);
      expect((await supervisor.delete(`/v1/teams/${team.id}`)).status).toBe(403);
      expect((await ApiClient.anonymous(harness.url).get('/v1/teams')).status).toBe(401);
      for (const response of [
        await foreignAdmin.get(`/v1/teams/${team.id}`),
        await foreignAdmin.patch(`/v1/teams/${team.id}`, { name: 'stolen' }),
        await foreignAdmin.put(`/v1/teams/${team.id}/members`, { agentIds: [other.agents[0].id] }),
        await foreignAdmin.delete(`/v1/teams/${team.id}`),
      ]) {
        expect(response.status).toBe(404);
      }
      expect((await admin.get<TeamBody>(`/v1/teams/${team.id}`)).body).toMatchObject({
        name: 'Guarded',
        agentIds: [],
      });
      const bad = await admin.post('/v1/teams', { name: '', colour: 'red' });
      expect(bad.status).toBe(400);
      expect(paths(bad)).toEqual(expect.arrayContaining(['name', '']));
    });
  });
});
