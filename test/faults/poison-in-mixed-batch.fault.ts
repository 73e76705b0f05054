// One record the database refuses, in one consumed batch with the records of several tenants. The router
// splits the refused chunk until the record is alone, dead-letters it with the database's reason, commits
// everything else, and every tenant (the poisoned one included) keeps being routed.
//
// The poison: a new conversation in a queue an admin deleted after the router had cached the queue's
// name -> id. TenantDirectory keeps hits for 30 s, so validating a record costs no round trip; inside that
// window the record passes every check before the write, and its conversation insert violates
// conversations_queue_id_fkey (SQLSTATE 23503). That is a real refusal by the database, not one staged by a
// test hook, and no contract can catch it: the queue name is well formed and the queue existed when the router
// looked. (The earlier poison, a threadKey too wide for its btree index, is now refused by the contract.) The
// test deletes the queue in SQL, after meeting the admin API's preconditions (no open conversation in it,
// nothing overflows into it); the API's config-change event only reaches the routing core, not the
// directory's cache, so it would not close the window either.
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

/** How long the router trusts a cached queue name (TenantDirectory's TTL). */
const DIRECTORY_TTL_MS = 30_000;

/** A chat message from `address` into the queue named `queue`. */
function queuedRecord(
  tenantId: string,
  channelMessageId: string,
  address: string,
  queue: string,
): InboundContactV1 {
  return { ...inboundRecord({ tenantId, channelMessageId, address }), queue };
}

describe('fault: a record the database refuses, in a batch shared by several tenants', () => {
  let database: TestDatabase;
  let url: string;
  let scenario: FaultScenario;
  let producer: InboundProducer;
  let pilots: AgentAutopilot[] = [];
  const tenants: TenantFixture[] = [];
  let tempQueueId: string;
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
    ({ id: tempQueueId } = await database.prisma.queue.create({
      data: { tenantId: tenants[0].id, name: 'temp' },
    }));
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

    // The router caches tenant A's queues while `temp` exists: the first record of A it sees names `temp`,
    // and it is worked to the end, so the admin's preconditions for deleting a queue hold.
    const [tenantA] = tenants;
    await scenario.start('router');
    const warmSentAt = Date.now();
    await producer.send([queuedRecord(tenantA.id, 'warm', 'warm@poison.test', 'temp')]);
    const warmConversation = async (): Promise<{ queue_id: string | null; status: string } | undefined> =>
      (
        await queryOnce<{ queue_id: string | null; status: string }>(
          url,
          `SELECT c.queue_id, c.status FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.tenant_id = $1 AND m.channel_message_id = 'warm'`,
          [tenantA.id],
        )
      )[0];
    await waitUntil(
      'the record naming temp routed and resolved',
      async () => (await warmConversation())?.status === 'resolved',
      60_000,
      250,
    );
    expect(await warmConversation()).toEqual({ queue_id: tempQueueId, status: 'resolved' });
    // ON DELETE SET NULL detaches the resolved conversation; nothing else refers to the queue.
    const deleted = await queryOnce(url, `DELETE FROM queues WHERE id = $1 RETURNING id`, [tempQueueId]);
    expect(deleted).toHaveLength(1);

    // One send is one record batch on the single partition, so the running router takes it in one fetch:
    // 20 per tenant, interleaved, and the poison, a new customer in `temp`, in the middle of A's share.
    const batch: InboundContactV1[] = [];
    for (let i = 0; i < 60; i++) {
      const tenant = tenants[i % 3];
      batch.push(
        inboundRecord({ tenantId: tenant.id, channelMessageId: `m${i}`, address: `c${i % 15}@poison.test` }),
      );
    }
    batch.splice(30, 0, queuedRecord(tenantA.id, 'poison', 'poison@poison.test', 'temp'));
    const cachedForMs = Date.now() - warmSentAt;
    if (cachedForMs > DIRECTORY_TTL_MS / 2) {
      throw new Error(
        `the router cached temp up to ${cachedForMs} ms ago; near its ${DIRECTORY_TTL_MS} ms TTL it may re-read ` +
          'the queues and refuse the poison as an unknown queue, which would not test the database refusal',
      );
    }
    await producer.send(batch);

    let deadLetters: TopicRecord[] = [];
    await waitUntil(
      'the refused record on the dead-letter topic',
      async () => (deadLetters = await readTopicToEnd(brokers, topics.deadLetter)).length > 0,
      60_000,
      500,
    );
    expect(deadLetters).toHaveLength(1);
    const [dead] = deadLetters;
    expect(dead.key).toBe(tenantA.id);
    expect(dead.value.reason).toMatch(
      /^The database refused this record: .*violates foreign key constraint "conversations_queue_id_fkey"/,
    );
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
      `[fault] poison: 1 of ${batch.length} records dead-lettered (foreign key); the rest and the sentinels routed and resolved ${drainMs} ms after the dead letter`,
    );

    const [stored] = await queryOnce<{ poison: string; messages: string }>(
      url,
      `SELECT count(*) FILTER (WHERE channel_message_id = 'poison') AS poison, count(*) AS messages FROM messages
        WHERE direction = 'inbound'`,
    );
    // The batch but the poison, the sentinels, and the record that warmed the cache.
    expect(stored).toEqual({ poison: '0', messages: String(batch.length - 1 + sentinels.length + 1) });
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
