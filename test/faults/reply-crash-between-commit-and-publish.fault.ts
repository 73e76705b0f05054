// kill -9 between a reply's commit and its publish: the router stores the agent's reply (the outbound message
// row and its reply.created event in one transaction), then dies before publishing anything. The next router
// finds the event in the log and publishes it, and with it the outbound record: the reply reaches the
// connectors exactly once and the agent is pushed its delivery status. (The gateway process here has no inbox
// store with credentials, so its WhatsApp sender fails the send permanently, which is itself reported.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import { queryOnce } from '../support/faults/drain';
import { FaultScenario } from '../support/faults/fault-scenario';
import { readTopicToEnd } from '../support/faults/topic-reader';

describe('fault: router killed between a reply’s commit and its publish', () => {
  let database: TestDatabase;
  let url: string;
  let scenario: FaultScenario;
  let tenant: TenantFixture;
  let agent: AgentClient;
  const brokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    url = database.target.url;
    tenant = await createTenantFixture(database.prisma, [{ name: 'rita', capacity: { social: 2 } }]);
    scenario = new FaultScenario('reply-crash', { databaseUrl: url, brokers, offerTimeoutSeconds: 300 });
  }, 60_000);

  afterAll(async () => {
    agent?.close();
    await scenario?.dispose();
    await database?.drop();
  });

  it('publishes the committed reply to the outbound topic after a restart, once, and reports its status', async () => {
    scenario.reportOnFailure();
    const doomed = await scenario.start('router', { FAULT_CRASH_AFTER_COMMIT: 'reply.created' });
    const gateway = await scenario.start('gateway');
    const { email, password } = tenant.agents[0];
    agent = await AgentClient.connect(
      gateway.url,
      await AgentClient.login(gateway.url, tenant.slug, email, password),
    );
    await agent.command({ type: 'status.set', status: 'available' });
    await agent.next('agent.status-changed', (e) => e.status === 'available', 30_000);

    const response = await fetch(`${gateway.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'whatsapp',
        channelMessageId: 'wamid.in-1',
        from: { address: '+15550001' },
        body: 'Where is my order?',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const offer = await agent.next('offer.created', () => true, 30_000);
    await agent.command({ type: 'offer.accept', offerId: offer.offerId });
    await agent.next('assignment.created', () => true, 30_000);

    const ack = await agent.command({
      type: 'conversation.reply',
      conversationId: offer.conversationId,
      body: 'On its way',
      clientMessageId: 'reply-1',
    });
    // The router dies after committing the reply and before publishing anything, its outcome included.
    expect(ack.ok || ack.code === 'OUTCOME_UNKNOWN').toBe(true);
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

    // Committed: the outbound row, queued, and its event beyond what the dead router published.
    const [row] = await queryOnce<{ id: string; direction: string; delivery_status: string }>(
      url,
      `SELECT id, direction, delivery_status FROM messages WHERE tenant_id = $1 AND direction = 'outbound'`,
      [tenant.id],
    );
    expect(row).toMatchObject({ direction: 'outbound', delivery_status: 'queued' });
    const outboundTopic = `${scenario.prefix}switchboard.outbound.v1`;
    expect(await readTopicToEnd(brokers, outboundTopic)).toEqual([]);

    await scenario.start('router');
    const status = await agent.next('delivery.status', (e) => e.messageId === row.id, 60_000);
    expect(status.status).toBe('failed');
    expect(String(status.reason)).toContain('No whatsapp inbox with an access token');

    const records = await readTopicToEnd(brokers, outboundTopic);
    expect(records.map((r) => [r.key, r.value.messageId, r.value.body])).toEqual([
      [offer.conversationId, row.id, 'On its way'],
    ]);
    const [after] = await queryOnce<{ delivery_status: string }>(
      url,
      `SELECT delivery_status FROM messages WHERE id = $1`,
      [row.id],
    );
    expect(after.delivery_status).toBe('failed');
  }, 150_000);
});
