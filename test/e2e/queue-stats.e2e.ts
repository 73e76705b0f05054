// Live queue stats on both stacks: contacts queued and answered through the real router, and the records it
// publishes on the queue-stats topic (read straight off the bus) carry the waiting count, the agents' load and
// today's figures worked out here from the stored event log.
import { QueueStatsV1Schema, type QueueStatsV1 } from '@switchboard/contracts';
import { BUS, type Bus, type Subscription } from '@switchboard/messaging';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface StoredEvent {
  type: string;
  at: string;
  conversationId?: string;
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('live queue stats (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let supervisor: AgentClient;
  let ana: AgentClient;
  let salesId: string;
  let subscription: Subscription;
  const records: QueueStatsV1[] = [];

  async function send(id: string, apiKey = tenant.apiKey): Promise<string> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address: `${id}@customers.test` },
        body: id,
        sentAt: new Date().toISOString(),
        // The other tenant has no sales queue: its contact waits in its default queue.
        ...(apiKey === tenant.apiKey ? { queue: 'sales' } : {}),
      }),
    });
    expect(response.status).toBe(202);
    if (apiKey !== tenant.apiKey) return '';
    const message = await supervisor.next('message.received', (e) => e.channelMessageId === id);
    return message.conversationId as string;
  }

  async function ok(body: Record<string, unknown>): Promise<void> {
    const ack = await ana.command(body);
    expect(ack.ok, `${JSON.stringify(body)}: ${ack.code ?? ''}`).toBe(true);
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { QUEUE_STATS_INTERVAL_MS: '100', OFFER_TIMEOUT_SECONDS: '120' });
    const bus = harness.app.get<Bus>(BUS);
    subscription = await bus.subscribe({
      groupId: `queue-stats-test-${randomBytes(4).toString('hex')}`,
      topics: [harness.config.topics.queueStats],
      fromBeginning: true,
      handleBatch: (batch) => {
        for (const m of batch.messages)
          records.push(QueueStatsV1Schema.parse(JSON.parse(m.value.toString())));
        return Promise.resolve();
      },
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ana', capacity: { chat: 1 } }]);
    other = await createTenantFixture(harness.prisma, [{ name: 'bob' }]);
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    const policy = await admin.post<{ id: string }>('/v1/sla-policies', {
      name: 'sales',
      targets: { firstResponseMs: { chat: 60_000 }, nextResponseMs: { chat: 60_000 }, overrides: [] },
    });
    expect(policy.status).toBe(201);
    const queue = await admin.post<{ id: string }>('/v1/queues', {
      name: 'sales',
      slaPolicyId: policy.body.id,
    });
    expect(queue.status).toBe(201);
    salesId = queue.body.id;
    const supervisorApi = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(harness.url, supervisorApi.token ?? '');
    const { email, password } = tenant.agents[0];
    ana = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
  }, 120_000);

  afterAll(async () => {
    ana?.close();
    supervisor?.close();
    await subscription?.close();
    await harness?.close();
  });

  it('publishes waiting, load and today’s service level and ASA after contacts are queued and answered', async () => {
    await ok({ type: 'status.set', status: 'available' });
    await supervisor.next('agent.status-changed', (e) => e.status === 'available');
    const first = await send('qs-1');
    const offer = await ana.next('offer.created', (e) => e.conversationId === first);
    await ok({ type: 'offer.accept', offerId: offer.offerId });
    await ana.next('assignment.created', (e) => e.conversationId === first);
    // ana's one chat slot is taken: the second contact waits.
    const beforeSecond = Date.now();
    const second = await send('qs-2');
    await send('qs-other', other.apiKey);

    const events = (
      await harness.prisma.routingEvent.findMany({ where: { tenantId: tenant.id }, orderBy: { seq: 'asc' } })
    ).map((r) => r.payload as unknown as StoredEvent);
    const at = (type: string, id: string) =>
      Date.parse(events.find((e) => e.type === type && e.conversationId === id)?.at ?? '');
    const wait = at('assignment.created', first) - at('conversation.queued', first);
    const secondQueuedAt = at('conversation.queued', second);

    const ours = () => records.filter((r) => r.tenantId === tenant.id);
    await expect
      .poll(() => ours().find((r) => r.queues.some((q) => q.queueId === salesId && q.waiting === 1)), {
        timeout: 20_000,
      })
      .toBeDefined();
    const record = ours().find((r) => r.queues.some((q) => q.queueId === salesId && q.waiting === 1))!;
    const sales = record.queues.find((q) => q.queueId === salesId)!;
    // The wait runs from when the edge accepted the message: after the request began, before the router queued it.
    expect(sales.longestWaitMs).toBeGreaterThanOrEqual(Date.parse(record.at) - secondQueuedAt);
    expect(sales.longestWaitMs).toBeLessThanOrEqual(Date.parse(record.at) - beforeSecond);
    expect(sales).toEqual({
      queueId: salesId,
      waiting: 1,
      longestWaitMs: sales.longestWaitMs,
      serviceLevelToday: 1,
      asaTodayMs: wait,
      answeredToday: 1,
      abandonedToday: 0,
    });
    expect(record.agents).toEqual([
      { agentId: tenant.agents[0].id, status: 'available', load: 1, capacity: 1 },
    ]);
    // Each tenant's record holds only its own queues and agents.
    await expect.poll(() => records.some((r) => r.tenantId === other.id), { timeout: 20_000 }).toBe(true);
    for (const r of records.filter((x) => x.tenantId === other.id)) {
      expect(r.agents.map((a) => a.agentId)).toEqual([other.agents[0].id]);
      expect(r.queues.map((q) => q.queueId)).not.toContain(salesId);
    }
  });
});
