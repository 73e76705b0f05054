// GET /v1/console/directory: any signed-in user of the tenant reads its queues and active agents by name (for the
// consoles' transfer pickers): names and status only, never another tenant's, never without a console login.
import { ConsoleDirectorySchema } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createSupervisor } from '../support/console-stream';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('console directory (embedded)', () => {
  let harness: Harness;
  let a: TenantFixture;
  let b: TenantFixture;
  let queueId: string;

  const directory = async (headers: Record<string, string>, query = '') => {
    const response = await fetch(`${harness.url}/v1/console/directory${query}`, { headers });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: await response.json(),
    };
  };
  const bearer = async (tenant: TenantFixture, email: string) => ({
    authorization: `Bearer ${await AgentClient.login(harness.url, tenant.slug, email, tenant.agents[0].password)}`,
  });

  beforeAll(async () => {
    harness = await startHarness('embedded', { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    a = await createTenantFixture(harness.prisma, [{ name: 'ada' }, { name: 'cy' }, { name: 'gone' }]);
    b = await createTenantFixture(harness.prisma, [{ name: 'bo' }]);
    queueId = (await harness.prisma.queue.create({ data: { tenantId: a.id, name: 'billing' } })).id;
    await harness.prisma.queue.create({ data: { tenantId: b.id, name: 'secret' } });
    await harness.prisma.agent.update({ where: { id: a.agents[2].id }, data: { active: false } });
    // An agent profile's email unlike its name, so a search can be seen to match either.
    await harness.prisma.agent.update({
      where: { id: a.agents[1].id },
      data: { status: 'available', email: 'zed.cy@example.test' },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('refuses a missing or forged token and an integration API key, as problem+json', async () => {
    for (const headers of [{}, { authorization: 'Bearer not.a.jwt' }] as Array<Record<string, string>>) {
      const refused = await directory(headers);
      expect(refused.status).toBe(401);
      expect(refused.type).toMatch(/^application\/problem\+json/);
    }
    // An integration's API key is not a console login: it does not authenticate here at all.
    const integrator = await directory({ 'x-api-key': a.apiKey });
    expect(integrator.status).toBe(401);
    expect(integrator.type).toMatch(/^application\/problem\+json/);
  });

  it("gives an agent and a supervisor their own tenant's queues and active agents: names and status only", async () => {
    const expected = {
      queues: [{ id: queueId, name: 'billing' }],
      agents: [
        { id: a.agents[0].id, name: 'ada', status: 'offline' },
        { id: a.agents[1].id, name: 'cy', status: 'available' },
      ],
      truncated: false,
    };
    for (const headers of [
      await bearer(a, a.agents[0].email),
      await bearer(a, await createSupervisor(harness.prisma, a)),
    ]) {
      const { status, body } = await directory(headers);
      expect(status).toBe(200);
      expect(ConsoleDirectorySchema.parse(body)).toEqual(expected);
      expect(JSON.stringify(body)).not.toContain('@');
    }
    const other = await directory(await bearer(b, b.agents[0].email));
    const secret = await harness.prisma.queue.findFirstOrThrow({ where: { tenantId: b.id } });
    expect(other.body).toEqual({
      queues: [{ id: secret.id, name: 'secret' }],
      agents: [{ id: b.agents[0].id, name: 'bo', status: 'offline' }],
      truncated: false,
    });
  });

  it("narrows both lists by a case-insensitive name or email prefix, in the caller's tenant only", async () => {
    const headers = await bearer(a, a.agents[0].email);
    const search = async (query: string) =>
      ConsoleDirectorySchema.parse((await directory(headers, query)).body);
    expect(await search('?q=AD')).toEqual({
      queues: [],
      agents: [{ id: a.agents[0].id, name: 'ada', status: 'offline' }],
      truncated: false,
    });
    expect(await search('?q=Bil')).toEqual({
      queues: [{ id: queueId, name: 'billing' }],
      agents: [],
      truncated: false,
    });
    // Matched by the email, which is still never returned.
    const byEmail = await directory(headers, '?q=zed.');
    expect(ConsoleDirectorySchema.parse(byEmail.body).agents.map((row) => row.name)).toEqual(['cy']);
    expect(JSON.stringify(byEmail.body)).not.toContain('zed');
    // A prefix, not a pattern: % and _ match themselves only.
    expect(await search('?q=%25')).toEqual({ queues: [], agents: [], truncated: false });
    expect(await search('?q=_')).toEqual({ queues: [], agents: [], truncated: false });
    // A deactivated agent stays out, and another tenant's never come in.
    expect((await search('?q=gone')).agents).toEqual([]);
    expect((await search('?q=bo')).agents).toEqual([]);
  });

  it('returns at most `limit` of each list and says when it cut one; refuses a limit beyond the cap', async () => {
    const headers = await bearer(a, a.agents[0].email);
    const first = ConsoleDirectorySchema.parse((await directory(headers, '?limit=1')).body);
    expect(first).toEqual({
      queues: [{ id: queueId, name: 'billing' }],
      agents: [{ id: a.agents[0].id, name: 'ada', status: 'offline' }],
      truncated: true,
    });
    expect(ConsoleDirectorySchema.parse((await directory(headers, '?limit=2')).body).truncated).toBe(false);
    for (const query of ['?limit=0', '?limit=1001', '?limit=many', '?q=', '?other=1']) {
      const refused = await directory(headers, query);
      expect(refused.status).toBe(400);
      expect(refused.type).toMatch(/^application\/problem\+json/);
    }
    const tooMany = await directory(headers, '?limit=1001');
    expect(JSON.stringify(tooMany.body)).toContain('limit');
  });
});
