// Sessions over socket.io: the handshake refuses ended sessions, and a connected console is told why, then
// disconnected, when its access token expires or its session is revoked (logout or an admin change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { postJson, signIn, type SessionBody } from '../support/session-client';

const CACHE_MS = 500;

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

async function connect(harness: Harness, session: SessionBody): Promise<AgentClient> {
  return AgentClient.connect(harness.url, session.token);
}

describe('socket sessions: expiry (embedded, 3 s access tokens)', () => {
  let harness: Harness;
  let tenant: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      JWT_TTL_SECONDS: '3',
      AUTH_SESSION_CACHE_MS: String(CACHE_MS),
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ada' }]);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('tells the console its token expired, at the expiry, then disconnects it', async () => {
    const agent = tenant.agents[0];
    const session = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    const client = await connect(harness, session);
    const gone = disconnected(client.socket);
    const ended = await client.next('session.ended', () => true, 10_000);
    const endedAt = Date.now();
    expect(ended).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(ended.message).toEqual(expect.any(String));
    // The timer is set at the token's exp (whole seconds), not a sweep's later tick.
    expect(endedAt).toBeGreaterThanOrEqual(Date.parse(session.expiresAt) - 50);
    expect(await gone).toBe('io server disconnect');
  });

  it('refuses the expired token at the handshake; the refreshed one connects', async () => {
    const agent = tenant.agents[0];
    const session = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    const first = await connect(harness, session);
    await first.next('session.ended', () => true, 10_000);
    await expect(connect(harness, session)).rejects.toThrow(/UNAUTHENTICATED/);
    const refreshed = await postJson(harness.url, '/v1/auth/refresh', { refreshToken: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const second = await connect(harness, refreshed.body as unknown as SessionBody);
    expect(second.socket.connected).toBe(true);
    second.close();
  });
});

describe('socket sessions: revocation (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let admin: ApiClient;

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      AUTH_SESSION_CACHE_MS: String(CACHE_MS),
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ada' }, { name: 'grace' }]);
    admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('disconnects the sockets of a logged-out session with SESSION_REVOKED, and only those', async () => {
    const agent = tenant.agents[0];
    const loggedOut = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    const other = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    const client = await connect(harness, loggedOut);
    const bystander = await connect(harness, other);
    const gone = disconnected(client.socket);

    expect((await postJson(harness.url, '/v1/auth/logout', {}, loggedOut.token)).status).toBe(204);
    const ended = await client.next('session.ended', () => true, CACHE_MS + 5_000);
    expect(ended).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(await gone).toBe('io server disconnect');

    // The other session's socket is still served: a command is acknowledged.
    expect(await bystander.command({ type: 'status.set', status: 'away' })).toMatchObject({ ok: true });
    expect(bystander.events.some((e) => e.name === 'session.ended')).toBe(false);
    bystander.close();

    await expect(connect(harness, loggedOut)).rejects.toThrow('UNAUTHENTICATED: the session has ended');
  });

  it('disconnects a console when an admin changes its password', async () => {
    const agent = tenant.agents[1];
    const session = await signIn(harness.url, tenant.slug, agent.email, agent.password);
    const client = await connect(harness, session);
    const gone = disconnected(client.socket);
    const user = await harness.prisma.user.findUniqueOrThrow({ where: { agentId: agent.id } });

    expect((await admin.patch(`/v1/users/${user.id}`, { password: 'a brand new passphrase' })).status).toBe(
      200,
    );
    const ended = await client.next('session.ended', () => true, CACHE_MS + 5_000);
    expect(ended).toMatchObject({ code: 'SESSION_REVOKED' });
    expect(await gone).toBe('io server disconnect');
  });
});
