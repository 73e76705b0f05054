// Abandonment end to end on both stacks: a web chat visitor ends the chat while its offer is pending, and the
// router cancels the offer, closes the conversation as abandoned and counts it in the reports; a visitor who
// ends an answered chat abandons nothing; an integrator abandons a waiting conversation over REST.
import type { Metrics } from '@switchboard/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { availableAgent, chatInbox } from '../support/scenario';
import { VisitorClient } from '../support/visitor-client';

interface ReportBody {
  series: Array<{ dimensionId: string; total: Metrics }>;
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('abandonment (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let inboxId: string;
  let alice: AgentClient;
  let supervisor: AgentClient;
  let supervisorApi: ApiClient;
  let said = 0;

  async function visitorWith(text: string) {
    const session = await VisitorClient.session(harness.url, inboxId);
    const visitor = await VisitorClient.connect(harness.url, session.token);
    expect(await visitor.say(`m-${++said}`, text)).toMatchObject({ ok: true });
    const conversationId = (await visitor.next('message.stored')).conversationId as string;
    return { visitor, conversationId };
  }

  beforeAll(async () => {
    harness = await startHarness(mode, { OFFER_TIMEOUT_SECONDS: '120' });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'alice', capacity: { chat: 1 } }]);
    inboxId = await chatInbox(harness, tenant, 'abandon');
    alice = await availableAgent(harness, tenant);
    supervisorApi = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(harness.url, supervisorApi.token ?? '');
  }, 120_000);

  afterAll(async () => {
    alice?.close();
    supervisor?.close();
    await harness?.close();
  });

  it('abandons a chat the visitor ends before an agent answered, and the reports count it', async () => {
    const { visitor, conversationId } = await visitorWith('Anyone there?');
    const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);

    expect(await visitor.emit('end', {})).toEqual({ ok: true });
    const closed = await alice.next('offer.closed', (e) => e.offerId === offer.offerId);
    expect(closed.outcome).toBe('cancelled');
    const abandoned = await supervisor.next(
      'conversation.abandoned',
      (e) => e.conversationId === conversationId,
    );
    expect(abandoned).toMatchObject({ queueId: null, channel: 'chat', reason: 'visitor-ended' });
    await visitor.next('resolved', (e) => e.conversationId === conversationId);
    const row = await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row.status).toBe('resolved');
    expect(row.abandonedAt).toEqual(row.resolvedAt);
    expect(row.abandonedAt).not.toBeNull();
    // Alice's slot is free again: the next visitor is offered to her.
    const next = await visitorWith('Second try');
    await alice.next('offer.created', (e) => e.conversationId === next.conversationId);
    expect(await next.visitor.emit('end', {})).toEqual({ ok: true });
    await supervisor.next('conversation.abandoned', (e) => e.conversationId === next.conversationId);

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const report = await supervisorApi.get<ReportBody>(
      `/v1/reports/metrics?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&interval=1d`,
    );
    expect(report.status).toBe(200);
    expect(report.body.series[0].total).toMatchObject({ abandoned: 2, answered: 0, abandonmentRate: 1 });
    visitor.close();
    next.visitor.close();
  });

  it('abandons nothing when the visitor ends a chat an agent already has', async () => {
    const { visitor, conversationId } = await visitorWith('Help with my order');
    const offer = await alice.next('offer.created', (e) => e.conversationId === conversationId);
    expect((await alice.command({ type: 'offer.accept', offerId: offer.offerId })).ok).toBe(true);
    await visitor.next('assigned');

    expect(await visitor.emit('end', {})).toEqual({ ok: true });
    // Same topic and tenant as the end record, so once this is announced the router has passed it.
    expect((await alice.command({ type: 'status.set', status: 'busy' })).ok).toBe(true);
    await supervisor.next('agent.status-changed', (e) => e.status === 'busy');
    expect(
      supervisor.events
        .filter((e) => e.name === 'conversation.abandoned')
        .map((e) => e.payload.conversationId),
    ).not.toContain(conversationId);
    const row = await harness.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(row).toMatchObject({ status: 'assigned', abandonedAt: null });
    visitor.close();
  });

  it('lets an integrator abandon a waiting conversation with its API key, and only its own', async () => {
    const stranger = await createTenantFixture(harness.prisma, [{ name: 'eve' }]);
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'voice',
        channelMessageId: 'call-1',
        from: { address: '+15550001' },
        body: 'Caller waiting',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
    const conversationId = (await supervisor.next('conversation.queued', (e) => e.channel === 'voice'))
      .conversationId as string;
    const abandon = (headers: Record<string, string>) =>
      fetch(`${harness.url}/v1/conversations/${conversationId}/abandon`, { method: 'POST', headers });

    expect((await abandon({})).status).toBe(401);
    const foreign = await abandon({ 'x-api-key': stranger.apiKey });
    expect(foreign.status).toBe(404);
    expect(foreign.headers.get('content-type')).toContain('application/problem+json');
    const accepted = await abandon({ 'x-api-key': tenant.apiKey });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ conversationId });
    const abandoned = await supervisor.next(
      'conversation.abandoned',
      (e) => e.conversationId === conversationId,
    );
    expect(abandoned).toMatchObject({ channel: 'voice', reason: 'integrator' });
    expect((await abandon({ 'x-api-key': tenant.apiKey })).status).toBe(409);
  });
});
