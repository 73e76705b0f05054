// PostgreSQL goes down and comes back while messages stream in. The router's batches fail as retriable
// (nothing committed, offsets not committed), are retried with backoff, and everything drains: every message
// stored once and threaded, every conversation routed, accepted and resolved, no agent over capacity.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@switchboard/persistence';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import type { AgentAutopilot } from '../support/faults/agent-autopilot';
import { auditDatabase, expectCleanAudit, undeliveredOffers } from '../support/faults/database-audit';
import { queryOnce, waitForDrain } from '../support/faults/drain';
import { FaultScenario } from '../support/faults/fault-scenario';
import { InboundProducer } from '../support/faults/inbound-producer';
import { PrivatePostgres } from '../support/faults/private-postgres';
import { countLogLines } from '../support/faults/role-process';
import { mixedMessages, startAgents, streamWithFault } from '../support/faults/steady-load';

describe('fault: PostgreSQL restarted under load', () => {
  let postgres: PrivatePostgres;
  let scenario: FaultScenario;
  let producer: InboundProducer;
  let pilots: AgentAutopilot[] = [];
  const tenants: TenantFixture[] = [];
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    const database = openDatabase({ kind: 'postgres', url: postgres.url });
    try {
      for (let t = 0; t < 3; t++) {
        const agents = Array.from({ length: 4 }, (_, a) => ({
          name: `agent${t}${a}`,
          capacity: { chat: 3 },
        }));
        tenants.push(await createTenantFixture(database.prisma, agents));
      }
    } finally {
      await database.close();
    }
    scenario = new FaultScenario('pg-restart', { databaseUrl: postgres.url, brokers });
  }, 120_000);

  afterAll(async () => {
    for (const pilot of pilots) pilot.close();
    await producer?.close();
    await scenario?.dispose();
    await postgres?.dispose();
  });

  it('drains everything after the database comes back, with a clean audit', async () => {
    scenario.reportOnFailure();
    const router = await scenario.start('router');
    const gateway = await scenario.start('gateway');
    pilots = await startAgents(gateway.url, tenants);
    producer = await InboundProducer.connect(brokers, `${scenario.prefix}switchboard.inbound.v1`);

    const figures = await streamWithFault({
      producer,
      perSecond: 100,
      durationMs: 12_000,
      faultAfterMs: 4_000,
      next: mixedMessages(tenants, randomBytes(3).toString('hex')),
      // Down for a few seconds, not just bounced: batches and commands pile up meanwhile.
      fault: async () => {
        await postgres.stopServer('fast');
        await new Promise((r) => setTimeout(r, 2_000));
        await postgres.startServer();
      },
    });
    const drainMs = await waitForDrain(postgres.url, producer.accepted, {
      allResolved: true,
      timeoutMs: 120_000,
    });

    const [counts] = await queryOnce<{ conversations: string; offers: string; assignments: string }>(
      postgres.url,
      `SELECT (SELECT count(*) FROM conversations) AS conversations, (SELECT count(*) FROM offers) AS offers,
              (SELECT count(*) FROM assignments) AS assignments`,
    );
    console.log(
      `[fault] pg-restart: ${figures.sent} messages in ${figures.streamMs} ms; database down at ${figures.faultAtMs} ms ` +
        `for ${figures.faultMs} ms; drained ${drainMs} ms after the stream ended; ${counts.conversations} conversations, ` +
        `${counts.offers} offers, ${counts.assignments} assignments; agent command retries ` +
        `${pilots.reduce((n, p) => n + p.commandRetries, 0)}; router batch attempts failed and retried: ` +
        `${countLogLines(router, /"level":50.*"namespace":"Runner"/)}`,
    );

    expectCleanAudit(await auditDatabase(postgres.url, producer.accepted));
    const pushed = new Set(pilots.flatMap((p) => [...p.offers.keys()]));
    expect(
      await undeliveredOffers(
        postgres.url,
        tenants.map((t) => t.id),
        pushed,
      ),
    ).toEqual([]);
    expect(pilots.flatMap((p) => p.duplicateOffers())).toEqual([]);
  }, 240_000);
});
