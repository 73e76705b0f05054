// Two routers share the tenants through Kafka partitions. When one dies, the other is assigned its
// partitions, rebuilds those tenants from Postgres, and carries on: live offers survive and new work flows.
import { Partitioners } from 'kafkajs';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { freePort, startRole, stop, waitForHealth } from '../support/processes';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';

const partitioner = Partitioners.DefaultPartitioner();
const partitionOf = (key: string, count: number): number =>
  partitioner({
    topic: '',
    partitionMetadata: Array.from({ length: count }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    })),
    message: { key, value: null },
  });

interface Seat {
  tenant: TenantFixture;
  agent: AgentClient;
}

describe('two routers through a rebalance (separate processes)', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  let gateway: ChildProcess;
  let gatewayUrl: string;
  const routers: ChildProcess[] = [];
  const routerUrls: string[] = [];
  const seats: Seat[] = [];

  async function startRouter(): Promise<ChildProcess> {
    const port = await freePort();
    const router = startRole('router', { ...env, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}`, router, 60_000);
    routers.push(router);
    routerUrls.push(`http://127.0.0.1:${port}`);
    return router;
  }

  async function post(seat: Seat, id: string): Promise<void> {
    const response = await fetch(`${gatewayUrl}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': seat.tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `${id}@x.test` },
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
      KAFKA_TOPIC_PREFIX: `rebalance-${randomBytes(4).toString('hex')}.`,
      KAFKA_PARTITIONS: '4',
      ROUTER_GROUP_ID: `router-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      OFFER_TIMEOUT_SECONDS: '300',
    };
    await startRouter();
    await startRouter();
    const port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}`;
    gateway = startRole('gateway', { ...env, PORT: String(port) });
    await waitForHealth(gatewayUrl, gateway, 60_000);
    // Several tenants, so with four partitions and two routers both routers own some of them.
    // Pick tenants on both even and odd partitions: the co-partitioned assignor gives each router one parity.
    const parities = [0, 0];
    for (let i = 0; seats.length < 4; i++) {
      const tenant = await createTenantFixture(database.prisma, [
        { name: `agent${i}`, capacity: { chat: 3 } },
      ]);
      const parity = partitionOf(tenant.id, 4) % 2;
      if (parities[parity] >= 2) continue;
      parities[parity]++;
      const { email, password } = tenant.agents[0];
      const agent = await AgentClient.connect(
        gatewayUrl,
        await AgentClient.login(gatewayUrl, tenant.slug, email, password),
      );
      await agent.command({ type: 'status.set', status: 'available' });
      await agent.next('agent.status-changed', () => true, 60_000);
      seats.push({ tenant, agent });
    }
  }, 240_000);

  afterAll(async () => {
    for (const seat of seats) seat.agent.close();
    for (const router of routers) await stop(router);
    await stop(gateway);
    await database?.drop();
  });

  it('keeps every tenant routed when one of two routers dies', { timeout: 180_000 }, async () => {
    const offers = [];
    for (const [i, seat] of seats.entries()) {
      await post(seat, `before-${i}`);
      offers.push(await seat.agent.next('offer.created'));
    }

    // Each router reports lag only for partitions it consumed, so this shows both routers were working.
    const inbound = `${env.KAFKA_TOPIC_PREFIX}switchboard.inbound.v1`;
    for (const url of routerUrls) {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(
        new RegExp(`switchboard_consumer_lag\\{[^}]*topic="${inbound.replace(/\./g, '\\.')}"`),
      );
    }

    await stop(routers[0], 'SIGKILL');
    for (const [i, seat] of seats.entries()) {
      // Until the surviving router takes the partitions over, acks may be OUTCOME_UNKNOWN (ADR 0027).
      const ack = await seat.agent.command({ type: 'offer.accept', offerId: offers[i].offerId });
      expect(ack.ok || ack.code === 'OUTCOME_UNKNOWN').toBe(true);
      await post(seat, `after-${i}`);
    }

    for (const [i, seat] of seats.entries()) {
      const assigned = await seat.agent.next('assignment.created', () => true, 90_000);
      expect(assigned.conversationId).toBe(offers[i].conversationId);
      await seat.agent.next('offer.created', (e) => e.preview === `after-${i}`, 90_000);
    }
    expect(await database.prisma.assignment.count()).toBe(seats.length);
    const pending = await database.prisma.offer.groupBy({
      by: ['conversationId'],
      where: { status: 'pending' },
      _count: true,
    });
    expect(pending.every((p) => p._count === 1)).toBe(true);
  });
});
