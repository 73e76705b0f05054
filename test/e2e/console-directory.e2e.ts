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

  const directory = async (headers: Record<string, string>) => {
    const response = await fetch(`${harness.url}/v1/console/directory`, { headers });
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
    await harness.prisma.agent.update({ where: { id: a.agents[1].id }, data: { status: 'available' } });
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
});
