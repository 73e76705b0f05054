// SLA timers are durable: the router is killed (SIGKILL) before a contact's warning is due, and again right
// after the warning fired; each new router rebuilds the clocks from Postgres, fires what is overdue, and the
// database ends with exactly one warning and one breach.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { freePort, startRole, stop, waitForHealth } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';

describe('SLA timers across router restarts (separate processes)', () => {
  let database: TestDatabase;
  let gateway: ChildProcess;
  let router: ChildProcess | undefined;
  let gatewayUrl: string;
  let env: NodeJS.ProcessEnv;
  let tenant: TenantFixture;
  let supervisor: AgentClient;

  async function startRouter(): Promise<void> {
    const port = await freePort();
    router = startRole('router', { ...env, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}`, router, 60_000);
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
      KAFKA_TOPIC_PREFIX: `sla-restart-${randomBytes(4).toString('hex')}.`,
      KAFKA_PARTITIONS: '3',
      ROUTER_GROUP_ID: `router-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
    // No agents: the contact waits, so only the SLA clock acts on it.
    tenant = await createTenantFixture(database.prisma, []);
    await startRouter();
    const gatewayPort = await freePort();
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    gateway = startRole('gateway', { ...env, PORT: String(gatewayPort) });
    await waitForHealth(gatewayUrl, gateway, 60_000);
    const admin = await ApiClient.as(gatewayUrl, database.prisma, tenant, 'admin');
    const policy = await admin.post<{ id: string }>('/v1/sla-policies', {
      name: 'eight-seconds',
      targets: { firstResponseMs: { chat: 8_000 }, overrides: [] },
      warnAtPercent: 50,
    });
    expect(policy.status).toBe(201);
    expect((await admin.post('/v1/queues', { name: 'timed', slaPolicyId: policy.body.id })).status).toBe(201);
    const boss = await ApiClient.as(gatewayUrl, database.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(gatewayUrl, boss.token ?? '');
  }, 180_000);

  afterAll(async () => {
    supervisor?.close();
    await stop(router);
    await stop(gateway);
    await database?.drop();
  });

  it('keeps every deadline through two crashes and fires each outcome once', async () => {
    const response = await fetch(`${gatewayUrl}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: 'timed-1',
        from: { address: 'timed-1@customers.test' },
        body: 'still waiting',
        sentAt: new Date().toISOString(),
        queue: 'timed',
      }),
    });
    expect(response.status).toBe(202);
    const queued = await supervisor.next('conversation.queued', () => true, 30_000);
    const conversationId = queued.conversationId as string;

    // Crash 1: before the warning is due (4 s in); the next router must still fire it.
    await stop(router, 'SIGKILL');
    await startRouter();
    await supervisor.next('sla.warning', (e) => e.conversationId === conversationId, 30_000);

    // Crash 2: right after the warning was committed and published; it must not fire again.
    await stop(router, 'SIGKILL');
    await startRouter();
    const breach = await supervisor.next('sla.breached', (e) => e.conversationId === conversationId, 30_000);
    expect(breach).toMatchObject({ target: 'firstResponse', withinTarget: false });

    const rows = await database.prisma.slaEvent.findMany({
      where: { conversationId },
      orderBy: { at: 'asc' },
    });
    expect(rows.map((r) => r.kind)).toEqual(['started', 'warning', 'breached']);
    // Outcomes are stamped at their due instants, not when a restarted router got round to them.
    const [started, warning, breached] = rows.map((r) => r.at.getTime());
    expect(warning - started).toBe(4_000);
    expect(breached - started).toBe(8_000);
    expect(supervisor.events.filter((e) => e.name === 'sla.warning')).toHaveLength(1);
  });
});
