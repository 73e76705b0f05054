// 50,000 customer messages wait in Kafka while no router runs; then one starts and drains them in bounded
// chunks. Every message is stored exactly once and threaded into its customer's conversation; the few agents
// online get offers (each reaching their socket) and never exceed their capacity. The drain time is printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundContactV1 } from '@switchboard/contracts';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import type { AgentAutopilot } from '../support/faults/agent-autopilot';
import {
  auditDatabase,
  expectCleanAudit,
  misthreaded,
  undeliveredOffers,
  type CustomerThread,
} from '../support/faults/database-audit';
import { queryOnce, waitUntil } from '../support/faults/drain';
import { FaultScenario } from '../support/faults/fault-scenario';
import { createTopics, inboundRecord, InboundProducer } from '../support/faults/inbound-producer';
import { startAgents } from '../support/faults/steady-load';
import { waitForGatewayRelay } from '../support/faults/topic-reader';

const TOTAL = 50_000;
const TENANTS = 4;

/** 60 % new customers (one in seven by email), 40 % follow-ups from one of the tenant's recent customers. */
function backlog(tenants: readonly TenantFixture[]): {
  records: InboundContactV1[];
  threads: CustomerThread[];
} {
  const threads = new Map<string, CustomerThread>();
  const recent = new Map<string, CustomerThread[]>();
  const records: InboundContactV1[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const tenant = tenants[i % tenants.length];
    const window = recent.get(tenant.id) ?? [];
    let thread: CustomerThread;
    if (i % 5 < 2 && window.length > 0) {
      thread = window[(i * 7919) % window.length];
    } else {
      thread = {
        tenantId: tenant.id,
        channel: i % 7 === 0 ? 'email' : 'chat',
        address: `c${i}@backlog.test`,
        messages: 0,
      };
      threads.set(thread.address, thread);
      recent.set(tenant.id, [...window.slice(-49), thread]);
    }
    thread.messages++;
    records.push(
      inboundRecord({
        tenantId: tenant.id,
        channel: thread.channel === 'email' ? 'email' : 'chat',
        channelMessageId: `m${i}`,
        address: thread.address,
      }),
    );
  }
  return { records, threads: [...threads.values()] };
}

describe('fault: 50,000 records backlogged while no router runs', () => {
  let database: TestDatabase;
  let url: string;
  let scenario: FaultScenario;
  let producer: InboundProducer;
  let pilots: AgentAutopilot[] = [];
  const tenants: TenantFixture[] = [];
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    url = database.target.url;
    for (let t = 0; t < TENANTS; t++) {
      const agents = [0, 1].map((a) => ({ name: `agent${t}${a}`, capacity: { chat: 2, email: 1 } }));
      tenants.push(await createTenantFixture(database.prisma, agents));
    }
    // A few agents are already available when the router rebuilds; everyone else is offline.
    await database.prisma.agent.updateMany({ data: { status: 'available' } });
    scenario = new FaultScenario('backlog', { databaseUrl: url, brokers, offerTimeoutSeconds: 600 });
  }, 60_000);

  afterAll(async () => {
    for (const pilot of pilots) pilot.close();
    await producer?.close();
    await scenario?.dispose();
    await database?.drop();
  });

  it('drains the backlog: every message stored once and threaded, offers delivered, capacity held', async () => {
    scenario.reportOnFailure();
    const topics = await createTopics(brokers, scenario.prefix, 3);
    producer = await InboundProducer.connect(brokers, topics.inbound);
    const { records, threads } = backlog(tenants);
    const produceStarted = Date.now();
    for (let i = 0; i < records.length; i += 2_000) await producer.send(records.slice(i, i + 2_000));
    const produceMs = Date.now() - produceStarted;

    const gateway = await scenario.start('gateway');
    await waitForGatewayRelay(brokers, gateway.url);
    // Accept offers but never resolve: the agents fill up and stay full, so the end state is quiet.
    pilots = await startAgents(gateway.url, tenants, { goAvailable: false, resolveAfterMs: null });

    const routerStarted = Date.now();
    await scenario.start('router');
    const bootMs = Date.now() - routerStarted;
    const stored = async (): Promise<number> =>
      Number(
        (
          await queryOnce<{ n: string }>(
            url,
            `SELECT count(*) AS n FROM messages WHERE direction = 'inbound'`,
          )
        )[0].n,
      );
    await waitUntil('all 50,000 stored', async () => (await stored()) >= TOTAL, 240_000, 200);
    const drainMs = Date.now() - routerStarted;

    // Quiet: every offer the database holds was pushed to its agent's socket and accepted.
    await waitUntil(
      'every offer delivered and accepted',
      async () => {
        const [row] = await queryOnce<{ offers: string; pending: string }>(
          url,
          `SELECT count(*) AS offers, count(*) FILTER (WHERE status = 'pending') AS pending FROM offers`,
        );
        const pushed = new Set(pilots.flatMap((p) => [...p.offers.keys()]));
        return (
          Number(row.offers) > 0 &&
          Number(row.pending) === 0 &&
          (
            await undeliveredOffers(
              url,
              tenants.map((t) => t.id),
              pushed,
            )
          ).length === 0
        );
      },
      120_000,
    );

    const [counts] = await queryOnce<{ conversations: string; assignments: string; queued: string }>(
      url,
      `SELECT (SELECT count(*) FROM conversations) AS conversations,
              (SELECT count(*) FROM conversations WHERE status = 'queued') AS queued,
              (SELECT count(*) FROM assignments) AS assignments`,
    );
    console.log(
      `[fault] backlog: produced ${TOTAL} records in ${produceMs} ms; router healthy after ${bootMs} ms; ` +
        `all stored ${drainMs} ms after its start (${Math.round((TOTAL / drainMs) * 1000)} records/s including ` +
        `boot); ${counts.conversations} conversations (${counts.queued} queued), ${counts.assignments} assignments`,
    );

    expect(await stored()).toBe(TOTAL);
    expect(Number(counts.assignments)).toBeGreaterThan(0);
    expect(Number(counts.conversations)).toBe(threads.length);
    expectCleanAudit(await auditDatabase(url, producer.accepted));
    expect(await misthreaded(url, threads)).toEqual([]);
  }, 360_000);
});
