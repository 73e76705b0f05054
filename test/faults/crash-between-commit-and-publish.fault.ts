// kill -9 between a commit and its publish: the router stores an offer (state and event in one transaction),
// then dies before publishing it. The next router finds the event in the log (seq > published_seq),
// publishes it, and the agent gets exactly that offer and can take it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import {
  auditDatabase,
  expectCleanAudit,
  undeliveredOffers,
  type AcceptedRecord,
} from '../support/faults/database-audit';
import { queryOnce } from '../support/faults/drain';
import { FaultScenario } from '../support/faults/fault-scenario';
import { readTopicToEnd } from '../support/faults/topic-reader';

describe('fault: router killed between commit and publish', () => {
  let database: TestDatabase;
  let url: string;
  let scenario: FaultScenario;
  let tenant: TenantFixture;
  let gatewayUrl: string;
  let agent: AgentClient;
  const accepted: AcceptedRecord[] = [];
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

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
    accepted.push({ tenantId: tenant.id, channel: 'chat', channelMessageId: id });
  }

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    url = database.target.url;
    tenant = await createTenantFixture(database.prisma, [{ name: 'rita', capacity: { chat: 2 } }]);
    scenario = new FaultScenario('crash', { databaseUrl: url, brokers, offerTimeoutSeconds: 300 });
  }, 60_000);

  afterAll(async () => {
    agent?.close();
    await scenario?.dispose();
    await database?.drop();
  });

  it('publishes the committed offer after a restart: exactly once, the same offer, and it can be accepted', async () => {
    scenario.reportOnFailure();
    const doomed = await scenario.start('router', { FAULT_CRASH_AFTER_COMMIT: 'offer.created' });
    const gateway = await scenario.start('gateway');
    gatewayUrl = gateway.url;
    const { email, password } = tenant.agents[0];
    agent = await AgentClient.connect(
      gatewayUrl,
      await AgentClient.login(gatewayUrl, tenant.slug, email, password),
    );
    await agent.command({ type: 'status.set', status: 'available' });
    await agent.next('agent.status-changed', (e) => e.status === 'available', 30_000);

    await post('before-crash');
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Committed: the offer, and its event in the log beyond what the dead router published.
    const [offer] = await queryOnce<{ id: string; conversation_id: string; status: string }>(
      url,
      `SELECT id, conversation_id, status FROM offers WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(offer.status).toBe('pending');
    const [logged] = await queryOnce<{ seq: string; published_seq: string; offer_id: string }>(
      url,
      `SELECT e.seq, o.published_seq, e.payload ->> 'offerId' AS offer_id
         FROM routing_events e JOIN tenant_owners o ON o.tenant_id = e.tenant_id
        WHERE e.tenant_id = $1 AND e.type = 'offer.created'`,
      [tenant.id],
    );
    expect(logged.offer_id).toBe(offer.id);
    expect(Number(logged.seq)).toBeGreaterThan(Number(logged.published_seq));
    // Not published: the topic holds no offer event (read to its current end), so no socket can have it.
    const onTopic = await readTopicToEnd(brokers, `${scenario.prefix}switchboard.routing-events.v1`);
    expect(onTopic.filter((r) => r.value.type === 'offer.created')).toEqual([]);
    expect(agent.events.filter((e) => e.name === 'offer.created')).toEqual([]);

    const restartedAt = Date.now();
    await scenario.start('router');
    const delivered = await agent.next('offer.created', () => true, 60_000);
    console.log(
      `[fault] crash: the stored offer reached the agent ${Date.now() - restartedAt} ms after the restart`,
    );
    expect(delivered.offerId).toBe(offer.id);
    expect(delivered.conversationId).toBe(offer.conversation_id);

    // A later offer proves the republish is over (one tenant's events arrive in seq order): still one copy.
    await post('after-restart');
    await agent.next('offer.created', (e) => e.preview === 'after-restart', 30_000);
    expect(
      agent.events.filter((e) => e.name === 'offer.created' && e.payload.offerId === offer.id),
    ).toHaveLength(1);

    expect((await agent.command({ type: 'offer.accept', offerId: offer.id })).ok).toBe(true);
    const assigned = await agent.next('assignment.created', () => true, 30_000);
    expect(assigned.conversationId).toBe(offer.conversation_id);

    expectCleanAudit(await auditDatabase(url, accepted, [tenant.id]));
    const pushed = new Set(
      agent.events.filter((e) => e.name === 'offer.created').map((e) => String(e.payload.offerId)),
    );
    expect(await undeliveredOffers(url, [tenant.id], pushed)).toEqual([]);
  }, 150_000);
});
