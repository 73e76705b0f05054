// Revocable sessions over REST: login returns a short-lived access token and a rotating refresh token; logout,
// a password change, a role change, deactivation and deletion end sessions within the cache window; a
// replayed refresh token revokes its whole session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import {
  postJson,
  refresh,
  refusedWithin,
  signIn,
  statusWith,
  type SessionBody,
} from '../support/session-client';

const CACHE_MS = 1500;
/** The window plus time for a request to run on a loaded machine. */
const REVOKED_WITHIN_MS = CACHE_MS + 3000;
const PASSWORD = 'a long enough passphrase';

describe('revocable sessions over REST (kafka+postgres)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres', {
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      AUTH_SESSION_CACHE_MS: String(CACHE_MS),
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'deactivated' }]);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  /** A fresh console user, so each case revokes only its own sessions. */
  async function newUser(role: 'agent' | 'supervisor' = 'agent'): Promise<{ id: string; email: string }> {
    const email = `u-${Math.random().toString(36).slice(2, 10)}@${tenant.slug}.test`;
    const created = await admin.post<{ id: string }>('/v1/users', { email, password: PASSWORD, role });
    expect(created.status).toBe(201);
    return { id: created.body.id, email };
  }

  const login = (email: string, password = PASSWORD): Promise<SessionBody> =>
    signIn(harness.url, tenant.slug, email, password);

  it('answers login with the original fields plus expiry and a refresh token', async () => {
    const user = await newUser();
    const session = await login(user.email);
    expect(session).toMatchObject({ tokenType: 'Bearer', tenantId: tenant.id, agentId: null, role: 'agent' });
    const ttlMs = Date.parse(session.expiresAt) - Date.now();
    // JWT_TTL_SECONDS defaults to 15 minutes.
    expect(ttlMs).toBeGreaterThan(14 * 60_000);
    expect(ttlMs).toBeLessThanOrEqual(15 * 60_000);
    expect(session.refreshToken).toMatch(/^sbr_/);
    expect(Date.parse(session.refreshExpiresAt)).toBeGreaterThan(Date.parse(session.expiresAt));
    expect(await statusWith(harness.url, session.token)).toBe(200);
  });

  it('logout ends that session only: its access and refresh tokens are refused', async () => {
    const user = await newUser();
    const first = await login(user.email);
    const second = await login(user.email);
    const logout = await postJson(harness.url, '/v1/auth/logout', {}, first.token);
    expect(logout.status).toBe(204);
    await refusedWithin(harness.url, first.token, REVOKED_WITHIN_MS);
    expect((await refresh(harness.url, first.refreshToken)).status).toBe(401);
    expect(await statusWith(harness.url, second.token)).toBe(200);
    const row = await harness.prisma.session.findFirstOrThrow({
      where: { userId: user.id, revokedAt: { not: null } },
    });
    expect(row.revokedReason).toBe('logout');
  });

  it('refresh rotates: a new access token and a new refresh token, which rotates in turn', async () => {
    const user = await newUser();
    const session = await login(user.email);
    const rotated = await refresh(harness.url, session.refreshToken);
    expect(rotated.status).toBe(200);
    const next = rotated.body as unknown as SessionBody;
    expect(next).toMatchObject({ tokenType: 'Bearer', tenantId: tenant.id, role: 'agent' });
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(await statusWith(harness.url, next.token)).toBe(200);
    const again = await refresh(harness.url, next.refreshToken);
    expect(again.status).toBe(200);
  });

  it('a replayed refresh token revokes the whole session (theft detection)', async () => {
    const user = await newUser();
    const stolen = await login(user.email);
    const legitimate = (await refresh(harness.url, stolen.refreshToken)).body as unknown as SessionBody;
    expect(await statusWith(harness.url, legitimate.token)).toBe(200);

    const replay = await refresh(harness.url, stolen.refreshToken);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('UNAUTHENTICATED');
    await refusedWithin(harness.url, legitimate.token, REVOKED_WITHIN_MS);
    expect((await refresh(harness.url, legitimate.refreshToken)).status).toBe(401);
    const row = await harness.prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.revokedReason).toBe('refresh-reused');
  });

  it('an unknown refresh token is refused and revokes nothing', async () => {
    const user = await newUser();
    const session = await login(user.email);
    const forged = `sbr_${'A'.repeat(43)}`;
    expect((await refresh(harness.url, forged)).status).toBe(401);
    expect((await refresh(harness.url, 'not-a-token')).status).toBe(401);
    expect(await statusWith(harness.url, session.token)).toBe(200);
  });

  it('a password change ends every session of the user; the new password signs in', async () => {
    const user = await newUser();
    const sessions = [await login(user.email), await login(user.email)];
    const changed = await admin.patch(`/v1/users/${user.id}`, { password: 'the new long passphrase' });
    expect(changed.status).toBe(200);
    for (const session of sessions) {
      await refusedWithin(harness.url, session.token, REVOKED_WITHIN_MS);
      expect((await refresh(harness.url, session.refreshToken)).status).toBe(401);
    }
    const fresh = await login(user.email, 'the new long passphrase');
    expect(await statusWith(harness.url, fresh.token)).toBe(200);
  });

  it('a role change ends the sessions; a PATCH that changes nothing about access keeps them', async () => {
    const user = await newUser('supervisor');
    const session = await login(user.email);
    expect((await admin.patch(`/v1/users/${user.id}`, { role: 'supervisor' })).status).toBe(200);
    expect(await statusWith(harness.url, session.token)).toBe(200);
    expect((await admin.patch(`/v1/users/${user.id}`, { role: 'agent' })).status).toBe(200);
    await refusedWithin(harness.url, session.token, REVOKED_WITHIN_MS);
    const again = await login(user.email);
    expect(again.role).toBe('agent');
  });

  it('deactivating an agent ends the sessions of its login', async () => {
    const agent = tenant.agents[0];
    const session = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    expect(await statusWith(harness.url, session.token)).toBe(200);
    expect((await admin.delete(`/v1/agents/${agent.id}`)).status).toBe(204);
    await refusedWithin(harness.url, session.token, REVOKED_WITHIN_MS);
    expect((await refresh(harness.url, session.refreshToken)).status).toBe(401);
  });

  it('deleting a user ends their sessions', async () => {
    const user = await newUser();
    const session = await login(user.email);
    expect((await admin.delete(`/v1/users/${user.id}`)).status).toBe(204);
    await refusedWithin(harness.url, session.token, REVOKED_WITHIN_MS);
    expect((await refresh(harness.url, session.refreshToken)).status).toBe(401);
    expect(await harness.prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});
