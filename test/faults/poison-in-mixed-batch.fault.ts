// One record the database refuses, in one consumed batch with the records of several tenants. The router
// splits the refused chunk until the record is alone, dead-letters it with the database's reason, commits
// everything else, and every tenant (the poisoned one included) keeps being routed.
//
// The poison: the contract lets `threadKey` be up to 998 UTF-16 units of storable text, and PostgreSQL stores
// such a value in a text column without complaint, but conversations carries a btree index over
// (tenant_id, customer_id, channel, thread_key), and a btree entry may hold at most 2704 bytes. 998 random CJK
// characters are 2994 bytes of UTF-8 that pglz cannot shrink, so inserting the conversation fails with
// SQLSTATE 54000 ("index row size ... exceeds btree version 4 maximum 2704"): valid at the edge, refused only
// by the database, exactly the failure the bisection exists for.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundContactV1 } from '@switchboard/contracts';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import type { AgentAutopilot } from '../support/faults/agent-autopilot';
import { auditDatabase, expectCleanAudit, undeliveredOffers } from '../support/faults/database-audit';
import { queryOnce, waitForDrain, waitUntil } from '../support/faults/drain';
import { FaultScenario } from '../support/faults/fault-scenario';
import { createTopics, inboundRecord, InboundProducer } from '../support/faults/inbound-producer';
import { startAgents } from '../support/faults/steady-load';
import { readTopicToEnd, waitForGatewayRelay, type TopicRecord } from '../support/faults/topic-reader';

/** Storable, within the contract's 998 units, incompressible: over the btree limit once UTF-8 encoded. */
function oversizedThreadKey(): string {
  const bytes = randomBytes(998 * 2);
  let key = '';
  for (let i = 0; i < 998; i++) key += String.fromCharCode(0x4e00 + (bytes.readUInt16LE(i * 2) % 20_000));
  return key;
}

describe('fault: a record the database refuses, in a batch shared by several tenants', () => {
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
    for (let t = 0; t < 3; t++) {
      const agents = [0, 1].map((a) => ({ name: `agent${t}${a}`, capacity: { chat: 5 } }));
      tenants.push(await createTenantFixture(database.prisma, agents));
    }
    await database.prisma.agent.updateMany({ data: { status: 'available' } });
    // One partition: every tenant's records arrive in the same consumed batch.
    scenario = new FaultScenario('poison', { databaseUrl: url, brokers, partitions: 1 });
  }, 60_000);

  afterAll(async () => {
    for (const pilot of pilots) pilot.close();
    await producer?.close();
    await scenario?.dispose();
    await database?.drop();
  });

  it("dead-letters the refused record with the database's reason and routes every other one", async () => {
    scenario.reportOnFailure();
    const topics = await createTopics(brokers, scenario.prefix, 1);
    producer = await InboundProducer.connect(brokers, topics.inbound);
    const gateway = await scenario.start('gateway');
    await waitForGatewayRelay(brokers, gateway.url);
    pilots = await startAgents(gateway.url, tenants, { goAvailable: false });

    // Waiting before the router starts, so one fetch holds them all: 20 per tenant, interleaved, and the
    // poison in the middle of the first tenant's share.
    const batch: InboundContactV1[] = [];
    for (let i = 0; i < 60; i++) {
      const tenant = tenants[i % 3];
      batch.push(
        inboundRecord({ tenantId: tenant.id, channelMessageId: `m${i}`, address: `c${i % 15}@poison.test` }),
      );
    }
    const poison = inboundRecord({
      tenantId: tenants[0].id,
      channelMessageId: 'poison',
      address: 'poison@poison.test',
      threadKey: oversizedThreadKey(),
    });
    batch.splice(30, 0, poison);
    await producer.send(batch);

    await scenario.start('router');
    let deadLetters: TopicRecord[] = [];
    await waitUntil(
      'the refused record on the dead-letter topic',
      async () => (deadLetters = await readTopicToEnd(brokers, topics.deadLetter)).length > 0,
      60_000,
      500,
    );
    expect(deadLetters).toHaveLength(1);
    const [dead] = deadLetters;
    expect(dead.key).toBe(tenants[0].id);
    expect(dead.value.reason).toMatch(
      /^The database refused this record: .*index row size \d+ exceeds btree/,
    );
    expect(dead.value.reason).toContain('conversations_tenant_id_customer_id_channel_thread_key_idx');
    expect(JSON.parse(String(dead.value.value))).toMatchObject({ channelMessageId: 'poison' });

    // No tenant stalls: a record sent after the dead letter is routed for each, the poisoned one included.
    const sentinels = tenants.map((t) =>
      inboundRecord({ tenantId: t.id, channelMessageId: 'sentinel', address: 'late@poison.test' }),
    );
    await producer.send(sentinels);
    const accepted = producer.accepted.filter((r) => r.channelMessageId !== 'poison');
    const drainMs = await waitForDrain(url, accepted, {
      allResolved: true,
      timeoutMs: 90_000,
    });
    console.log(
      `[fault] poison: 1 of ${batch.length} records dead-lettered; the rest and the sentinels routed and resolved ${drainMs} ms after the dead letter`,
    );

    const [stored] = await queryOnce<{ poison: string; messages: string }>(
      url,
      `SELECT count(*) FILTER (WHERE channel_message_id = 'poison') AS poison, count(*) AS messages FROM messages`,
    );
    expect(stored).toEqual({ poison: '0', messages: String(batch.length - 1 + sentinels.length) });
    expectCleanAudit(await auditDatabase(url, accepted));
    const pushed = new Set(pilots.flatMap((p) => [...p.offers.keys()]));
    expect(
      await undeliveredOffers(
        url,
        tenants.map((t) => t.id),
        pushed,
      ),
    ).toEqual([]);
    expect(pilots.flatMap((p) => p.duplicateOffers())).toEqual([]);
  }, 180_000);
});
