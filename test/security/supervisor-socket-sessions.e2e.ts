// Sessions on the supervisors' namespace, like the agents': a demoted supervisor's socket is told
// SESSION_REVOKED and disconnected, and cannot come back as an agent; an expired token is told TOKEN_EXPIRED.
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { signIn } from '../support/session-client';

const CACHE_MS = 500;
const PASSWORD = 'a long enough passphrase';

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** A harness per block, and a way to put a fresh supervisor on /supervisors. */
function supervisorsOn(env: Record<string, string>) {
  const context = {} as { harness: Harness; tenant: TenantFixture; admin: ApiClient };
  beforeAll(async () => {
    context.harness = await startHarness('embedded', {
      AUTH_SESSION_CACHE_MS: String(CACHE_MS),
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      ...env,
    });
    context.tenant = await createTenantFixture(context.harness.prisma);
    context.admin = await ApiClient.as(context.harness.url, context.harness.prisma, context.tenant, 'admin');
  });
  afterAll(async () => {
    await context.harness?.close();
  });

  async function connect(): Promise<{ id: string; email: string; client: AgentClient }> {
    const { harness, tenant, admin } = context;
    const email = `sup-${Math.random().toString(36).slice(2, 10)}@${tenant.slug}.test`;
    const created = await admin.post<{ id: string }>('/v1/users', {
      email,
      password: PASSWORD,
      role: 'supervisor',
    });
    expect(created.status).toBe(201);
    const session = await signIn(harness.url, tenant.slug, email, PASSWORD);
    const client = await AgentClient.connect(harness.url, session.token, { namespace: '/supervisors' });
    return { id: created.body.id, email, client };
  }
  return { context, connect };
}

describe('supervisor sockets: revocation (embedded)', () => {
  const { context, connect } = supervisorsOn({});

  it('disconnects a demoted supervisor with SESSION_REVOKED; as an agent the namespace refuses them', async () => {
    const { harness, tenant, admin } = context;
    const { id, email, client } = await connect();
    const gone = disconnected(client.socket);
    expect((await admin.patch(`/v1/users/${id}`, { role: 'agent' })).status).toBe(200);
    expect(await client.next('session.ended', () => true, CACHE_MS + 5_000)).toMatchObject({
      code: 'SESSION_REVOKED',
    });
    expect(await gone).toBe('io server disconnect');
    const demoted = await signIn(harness.url, tenant.slug, email, PASSWORD);
    await expect(
      AgentClient.connect(harness.url, demoted.token, { namespace: '/supervisors' }),
    ).rejects.toThrow(/^FORBIDDEN/);
  });
});

describe('supervisor sockets: expiry (embedded, 3 s access tokens)', () => {
  const { connect } = supervisorsOn({ JWT_TTL_SECONDS: '3' });

  it('tells a supervisor console its token expired, then disconnects it', async () => {
    const { client } = await connect();
    const gone = disconnected(client.socket);
    expect(await client.next('session.ended', () => true, 10_000)).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await gone).toBe('io server disconnect');
  });
});
