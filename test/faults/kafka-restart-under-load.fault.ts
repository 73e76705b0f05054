// The Kafka broker is restarted (controlled shutdown, then start on the same data) while messages stream in.
// Producers, the router's consumer and publisher, and the gateway's relay and command forwarding all lose
// the broker for a while; afterwards everything drains, the audit is clean, and every offer the database holds
// reached its agent's socket exactly once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import type { AgentAutopilot } from '../support/faults/agent-autopilot';
import { auditDatabase, expectCleanAudit, undeliveredOffers } from '../support/faults/database-audit';
import { queryOnce, waitForDrain } from '../support/faults/drain';
import { FaultScenario } from '../support/faults/fault-scenario';
import { InboundProducer } from '../support/faults/inbound-producer';
import { PrivateKafka } from '../support/faults/private-kafka';
import { countLogLines } from '../support/faults/role-process';
import { mixedMessages, startAgents, streamWithFault } from '../support/faults/steady-load';

describe('fault: Kafka broker restarted under load', () => {
  let kafka: PrivateKafka;
  let database: TestDatabase;
  let url: string;
  let scenario: FaultScenario;
  let producer: InboundProducer;
  let pilots: AgentAutopilot[] = [];
  const tenants: TenantFixture[] = [];

  beforeAll(async () => {
    [kafka, database] = await Promise.all([PrivateKafka.start(), createTestDatabase({ kind: 'postgres' })]);
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    url = database.target.url;
    for (let t = 0; t < 3; t++) {
      const agents = Array.from({ length: 4 }, (_, a) => ({ name: `agent${t}${a}`, capacity: { chat: 3 } }));
      tenants.push(await createTenantFixture(database.prisma, agents));
    }
    scenario = new FaultScenario('kafka-restart', { databaseUrl: url, brokers: kafka.brokers });
  }, 120_000);

  afterAll(async () => {
    for (const pilot of pilots) pilot.close();
    await producer?.close().catch(() => undefined);
    await scenario?.dispose();
    await kafka?.dispose();
    await database?.drop();
  });

  it('drains everything after the broker comes back, every offer delivered once', async () => {
    scenario.reportOnFailure();
    const router = await scenario.start('router');
    const gateway = await scenario.start('gateway');
    pilots = await startAgents(gateway.url, tenants);
    producer = await InboundProducer.connect(kafka.brokers, `${scenario.prefix}switchboard.inbound.v1`);

    const figures = await streamWithFault({
      producer,
      perSecond: 100,
      durationMs: 12_000,
      faultAfterMs: 4_000,
      next: mixedMessages(tenants, randomBytes(3).toString('hex')),
      fault: () => kafka.restart(),
    });
    const drainMs = await waitForDrain(url, producer.accepted, { allResolved: true, timeoutMs: 150_000 });

    const [counts] = await queryOnce<{ conversations: string; offers: string; assignments: string }>(
      url,
      `SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM offers) AS offers,
              (SELECT count(*) FROM assignments) AS assignments`,
    );
    console.log(
      `[fault] kafka-restart: ${figures.sent} messages in ${figures.streamMs} ms (${figures.failedSends} sends ` +
        `retried); broker down at ${figures.faultAtMs} ms, back after ${figures.faultMs} ms; drained ${drainMs} ms ` +
        `after the stream ended; ${counts.conversations} conversations, ${counts.offers} offers, ` +
        `${counts.assignments} assignments; agent command retries ${pilots.reduce((n, p) => n + p.commandRetries, 0)}; ` +
        `router errors logged ${countLogLines(router, /"level":50/)}`,
    );

    expectCleanAudit(await auditDatabase(url, producer.accepted));
    const pushed = new Set(pilots.flatMap((p) => [...p.offers.keys()]));
    expect(
      await undeliveredOffers(
        url,
        tenants.map((t) => t.id),
        pushed,
      ),
    ).toEqual([]);
    expect(pilots.flatMap((p) => p.duplicateOffers())).toEqual([]);
  }, 300_000);
});
