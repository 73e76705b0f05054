// SLA timers are durable: the router is killed (SIGKILL) before a contact's warning is due, and again right
// after the warning fired; each new router rebuilds the clocks from Postgres, fires what is overdue, and the
// database ends with exactly one warning and one breach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { SplitStack } from '../support/split-stack';

describe('SLA timers across router restarts (separate processes)', () => {
  let stack: SplitStack;
  let tenant: TenantFixture;
  let supervisor: AgentClient;

  beforeAll(async () => {
    stack = await SplitStack.create('sla-restart');
    // No agents: the contact waits, so only the SLA clock acts on it.
    tenant = await createTenantFixture(stack.database.prisma, []);
    await stack.startRouter();
    await stack.startGateway();
    const admin = await ApiClient.as(stack.gatewayUrl, stack.database.prisma, tenant, 'admin');
    const policy = await admin.post<{ id: string }>('/v1/sla-policies', {
      name: 'eight-seconds',
      targets: { firstResponseMs: { chat: 8_000 }, overrides: [] },
      warnAtPercent: 50,
    });
    expect(policy.status).toBe(201);
    expect((await admin.post('/v1/queues', { name: 'timed', slaPolicyId: policy.body.id })).status).toBe(201);
    const boss = await ApiClient.as(stack.gatewayUrl, stack.database.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(stack.gatewayUrl, boss.token ?? '');
  }, 180_000);

  afterAll(async () => {
    supervisor?.close();
    await stack?.dispose();
  });

  it('keeps every deadline through two crashes and fires each outcome once', async () => {
    const response = await fetch(`${stack.gatewayUrl}/v1/contacts`, {
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
    await stack.killRouter();
    await stack.startRouter();
    await supervisor.next('sla.warning', (e) => e.conversationId === conversationId, 30_000);

    // Crash 2: right after the warning was committed and published; it must not fire again.
    await stack.killRouter();
    await stack.startRouter();
    const breach = await supervisor.next('sla.breached', (e) => e.conversationId === conversationId, 30_000);
    expect(breach).toMatchObject({ target: 'firstResponse', withinTarget: false });

    const rows = await stack.database.prisma.slaEvent.findMany({
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
