// The router and gateway as separate processes on Kafka + Postgres. The router is killed (SIGKILL) in the
// middle of a flow; a new one rebuilds its state from Postgres, and nothing is lost or assigned twice.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { freePort, startRole, stop, waitForHealth } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';

describe('router restart mid-flow (separate processes)', () => {
  let database: TestDatabase;
  let gateway: ChildProcess;
  let router: ChildProcess | undefined;
  let gatewayUrl: string;
  let env: NodeJS.ProcessEnv;
  let tenant: TenantFixture;
  let agent: AgentClient;

  async function startRouter(): Promise<void> {
    const port = await freePort();
    router = startRole('router', { ...env, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}`, router, 60_000);
  }

  async function post(id: string): Promise<void> {
    const response = await fetch(`${gatewayUrl}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `${id}@example.com` },
        body: id,
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
  }

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    env = {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.target.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: `restart-${randomBytes(4).toString('hex')}.`,
      KAFKA_PARTITIONS: '3',
      ROUTER_GROUP_ID: `router-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      OFFER_TIMEOUT_SECONDS: '120',
    };
    tenant = await createTenantFixture(database.prisma, [{ name: 'rita', capacity: { chat: 2 } }]);
    await startRouter();
    const gatewayPort = await freePort();
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    gateway = startRole('gateway', { ...env, PORT: String(gatewayPort) });
    await waitForHealth(gatewayUrl, gateway, 60_000);
    const { email, password } = tenant.agents[0];
    agent = await AgentClient.connect(
      gatewayUrl,
      await AgentClient.login(gatewayUrl, tenant.slug, email, password),
    );
    await agent.command({ type: 'status.set', status: 'available' });
    await agent.next('agent.status-changed');
  }, 180_000);

  afterAll(async () => {
    agent?.close();
    await stop(router);
    await stop(gateway);
    await database?.drop();
  });

  it('resumes from Postgres: the live offer survives, queued input is processed once', async () => {
    await post('before-crash');
    const offer = await agent.next('offer.created');

    await stop(router, 'SIGKILL');
    // While no router runs, the gateway still accepts work: it waits in Kafka.
    expect((await agent.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await post('during-outage');

    await startRouter();
    const assigned = await agent.next('assignment.created', () => true, 30_000);
    expect(assigned.conversationId).toBe(offer.conversationId);
    const second = await agent.next('offer.created', (e) => e.preview === 'during-outage', 30_000);
    expect(second.conversationId).not.toBe(offer.conversationId);

    const prisma = database.prisma;
    expect(await prisma.assignment.count({ where: { conversationId: offer.conversationId as string } })).toBe(
      1,
    );
    expect(await prisma.offer.count({ where: { conversationId: offer.conversationId as string } })).toBe(1);
    expect(await prisma.message.count({ where: { tenantId: tenant.id } })).toBe(2);
    const pending = await prisma.offer.groupBy({
      by: ['conversationId'],
      where: { status: 'pending' },
      _count: true,
    });
    expect(pending.every((p) => p._count === 1)).toBe(true);
  });
});
