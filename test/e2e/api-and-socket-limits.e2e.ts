// The admin API is limited per signed-in user, and the agents' sockets per connection, per user, by message
// size and by connections per user. Each refusal says why: a 429 problem+json, an error ack plus a
// limit.exceeded event, or a refused handshake naming the limit.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

const API_PER_MINUTE = 5;
const MAX_MESSAGE_BYTES = 2048;

describe('admin API and socket limits (embedded)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  const open: AgentClient[] = [];

  beforeAll(async () => {
    harness = await startHarness('embedded', {
      RATE_LIMIT_API_PER_MINUTE: String(API_PER_MINUTE),
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '3',
      RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '5',
      SOCKET_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      SOCKET_MAX_CONNECTIONS_PER_USER: '2',
    });
    tenant = await createTenantFixture(harness.prisma, [
      { name: 'rate' },
      { name: 'shared' },
      { name: 'size' },
      { name: 'tabs' },
    ]);
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await harness?.close();
  });

  async function connect(agentIndex: number): Promise<AgentClient> {
    const { email, password } = tenant.agents[agentIndex];
    const client = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
    open.push(client);
    return client;
  }

  const status = { type: 'status.set', status: 'available' };

  it('answers 429 with Retry-After once a user is over the admin API limit, per user', async () => {
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    const statuses: number[] = [];
    for (let i = 0; i < API_PER_MINUTE + 2; i++) statuses.push((await admin.get('/v1/agents')).status);
    expect(statuses).toEqual([...Array<number>(API_PER_MINUTE).fill(200), 429, 429]);

    const refused = await fetch(`${harness.url}/v1/agents`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(1);
    expect(((await refused.json()) as { code: string }).code).toBe('RATE_LIMITED');

    const otherAdmin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    expect((await otherAdmin.get('/v1/agents')).status).toBe(200);
  });

  it('refuses socket commands over the per-connection limit with an error ack and a limit.exceeded event', async () => {
    const agent = await connect(0);
    const acks = [];
    for (let i = 0; i < 5; i++) acks.push(await agent.command(status));
    expect(acks.map((a) => a.ok)).toEqual([true, true, true, false, false]);
    expect(acks[3]).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    const event = await agent.next('limit.exceeded');
    expect(event).toMatchObject({ code: 'RATE_LIMITED', event: 'command' });
    expect(event.retryAfterMs).toBeGreaterThan(0);
    expect(agent.socket.connected).toBe(true);
  });

  it('limits socket commands per user across that user’s connections', async () => {
    const [first, second] = [await connect(1), await connect(1)];
    const acks = [];
    for (let i = 0; i < 3; i++) acks.push(await first.command(status));
    for (let i = 0; i < 3; i++) acks.push(await second.command(status));
    expect(acks.map((a) => a.ok)).toEqual([true, true, true, true, true, false]);
    expect(await second.next('limit.exceeded')).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('this user') as unknown,
    });
  });

  it('refuses an oversize socket message with MESSAGE_TOO_LARGE and keeps the connection', async () => {
    const agent = await connect(2);
    const oversize = { type: 'offer.decline', offerId: 'x', reason: 'x'.repeat(MAX_MESSAGE_BYTES) };
    expect(await agent.command(oversize)).toMatchObject({ ok: false, code: 'MESSAGE_TOO_LARGE' });
    expect(await agent.next('limit.exceeded')).toMatchObject({ code: 'MESSAGE_TOO_LARGE', event: 'command' });
    expect(agent.socket.connected).toBe(true);
    expect((await agent.command(status)).ok).toBe(true);

    // Past the transport buffer (four times the message limit) the transport itself closes the connection.
    const closed = new Promise<string>((resolve) => agent.socket.once('disconnect', resolve));
    agent.socket.emit('command', { type: 'status.set', status: 'x'.repeat(MAX_MESSAGE_BYTES * 5) });
    expect(await closed).toMatch(/transport (close|error)/);
  });

  it('refuses a connection over the per-user cap with a clear reason, and admits one once a slot frees', async () => {
    const { email, password } = tenant.agents[3];
    const token = await AgentClient.login(harness.url, tenant.slug, email, password);
    const first = await AgentClient.connect(harness.url, token);
    open.push(first, await AgentClient.connect(harness.url, token));

    const extra = io(`${harness.url}/agents`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    const refusal = await new Promise<Error & { data?: { code?: string } }>((resolve) =>
      extra.once('connect_error', resolve),
    );
    extra.close();
    expect(refusal.message).toMatch(/^TOO_MANY_CONNECTIONS: /);
    expect(refusal.data?.code).toBe('TOO_MANY_CONNECTIONS');

    first.close();
    await expect
      .poll(async () => {
        try {
          open.push(await AgentClient.connect(harness.url, token));
          return true;
        } catch {
          return false;
        }
      })
      .toBe(true);
  });
});
