// A deactivated agent cannot sign in again, nor keep a session alive through a refresh; reactivation lets them
// back in. The refusal is told only to someone who knows the password: a wrong password, an unknown email and
// a deleted user all get the same 401. Both stacks, over REST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { postJson, refresh, signIn, statusWith } from '../support/session-client';

const MODES: Mode[] = ['embedded', 'kafka+postgres'];

describe.each(MODES)('sign-in of deactivated agents and deleted users (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness(mode, { RATE_LIMIT_LOGIN_PER_MINUTE: '1000' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'gone' }, { name: 'raced' }]);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  const login = (email: string, password: string) =>
    postJson(harness.url, '/v1/auth/login', { tenant: tenant.slug, email, password });

  it('refuses a deactivated agent’s login with 403 problem+json, and signs them in once reactivated', async () => {
    const agent = tenant.agents[0];
    const before = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    expect((await admin.delete(`/v1/agents/${agent.id}`)).status).toBe(204);

    const refused = await login(agent.email, agent.password);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', status: 403 });
    expect(String(refused.body.detail)).toMatch(/deactivated/);
    expect((await refresh(harness.url, before.refreshToken)).status).toBe(401);

    // Without the password the answer is the ordinary one: nothing tells the account apart.
    const wrong = await login(agent.email, 'not the password at all');
    const unknown = await login(`nobody@${tenant.slug}.test`, 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);

    expect((await admin.patch(`/v1/agents/${agent.id}`, { active: true })).status).toBe(200);
    const back = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    expect(await statusWith(harness.url, back.token)).toBe(200);
  });

  it('refuses a refresh once the agent is inactive, even if its session escaped the revocation', async () => {
    const agent = tenant.agents[1];
    const session = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    // Straight to the database, as a deactivation racing the refresh would leave it: the session still live.
    await harness.prisma.agent.update({ where: { id: agent.id }, data: { active: false } });

    const refused = await refresh(harness.url, session.refreshToken);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const row = await harness.prisma.session.findFirstOrThrow({
      where: { user: { agentId: agent.id }, revokedAt: { not: null } },
    });
    expect(row.revokedReason).toBe('deactivated');
  });

  it('answers a deleted user’s login exactly like an unknown email', async () => {
    const email = `temp@${tenant.slug}.test`;
    const password = 'a long enough passphrase';
    const created = await admin.post<{ id: string }>('/v1/users', { email, password, role: 'agent' });
    expect(created.status).toBe(201);
    await signIn(harness.url, tenant.slug, email, password);
    expect((await admin.delete(`/v1/users/${created.body.id}`)).status).toBe(204);

    const refused = await login(email, password);
    const unknown = await login(`nobody@${tenant.slug}.test`, password);
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(unknown.body);
  });
});
