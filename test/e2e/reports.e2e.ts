// Reports end to end on both stacks: a scripted mini-day through the real router (contacts in, offers
// accepted, replies, a customer follow-up, resolutions, an agent's status changes) whose every reported
// metric is worked out here from the instants in the stored event log; CSV, validation, tenant isolation
// and roles.
import {
  histogramBucketOf,
  histogramBucketValue,
  type Metrics,
  type ResponseTimeMetrics,
} from '@switchboard/metrics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { ApiClient } from '../support/api-client';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Series<T> {
  dimensionId: string;
  total: T;
  buckets: Array<{ start: string; metrics: T }>;
}
interface ReportBody<T> {
  series: Array<Series<T>>;
  outcomes?: Array<{ dimensionId: string; target: string; warnings: number; breaches: number; met: number }>;
}
interface StoredEvent {
  type: string;
  at: string;
  conversationId?: string;
  agentId?: string | null;
  status?: string;
}

const TARGET_MS = 60_000;
/** The value the log histogram reports for a duration (its bucket's geometric middle). */
const histogramRead = (ms: number): number => histogramBucketValue(histogramBucketOf(ms));
/** Nearest rank: the ⌈p·n⌉-th smallest. */
const nearestRank = (values: readonly number[], p: number): number =>
  [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1];
const sum = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
const mean = (values: readonly number[]): number => sum(values) / values.length;

describe.each<Mode>(['embedded', 'kafka+postgres'])('reports (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let supervisorApi: ApiClient;
  let supervisor: AgentClient;
  let ana: AgentClient;
  let salesId: string;
  let period: string;
  let fromMs: number;
  const conversations: string[] = [];

  async function send(id: string, address: string, queue?: string): Promise<string> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: id,
        from: { address },
        body: id,
        sentAt: new Date().toISOString(),
        ...(queue ? { queue } : {}),
      }),
    });
    expect(response.status).toBe(202);
    const message = await supervisor.next('message.received', (e) => e.channelMessageId === id);
    return message.conversationId as string;
  }

  async function ok(body: Record<string, unknown>): Promise<void> {
    const ack = await ana.command(body);
    expect(ack.ok, `${JSON.stringify(body)}: ${ack.code ?? ''}`).toBe(true);
  }

  /** Offered to ana, accepted, answered; returns the conversation. */
  async function answer(id: string, queue?: string): Promise<string> {
    const conversationId = await send(id, `${id}@customers.test`, queue);
    const offer = await ana.next('offer.created', (e) => e.conversationId === conversationId);
    await ok({ type: 'offer.accept', offerId: offer.offerId });
    await ana.next('assignment.created', (e) => e.conversationId === conversationId);
    await ok({ type: 'conversation.reply', conversationId, body: 'Hello' });
    await supervisor.next('reply.created', (e) => e.conversationId === conversationId);
    conversations.push(conversationId);
    return conversationId;
  }

  async function resolve(conversationId: string): Promise<void> {
    await ok({ type: 'conversation.resolve', conversationId });
    await supervisor.next('conversation.resolved', (e) => e.conversationId === conversationId);
  }

  beforeAll(async () => {
    harness = await startHarness(mode, {
      OFFER_TIMEOUT_SECONDS: '120',
      // The script sends ana's commands faster than a person would.
      RATE_LIMIT_SOCKET_EVENTS_PER_SECOND: '1000',
      RATE_LIMIT_SOCKET_USER_EVENTS_PER_SECOND: '1000',
    });
    tenant = await createTenantFixture(harness.prisma, [{ name: 'ana', capacity: { chat: 2 } }]);
    const admin = await ApiClient.as(harness.url, harness.prisma, tenant, 'admin');
    supervisorApi = await ApiClient.as(harness.url, harness.prisma, tenant, 'supervisor');
    supervisor = await AgentClient.connect(harness.url, supervisorApi.token ?? '');
    const policy = await admin.post<{ id: string }>('/v1/sla-policies', {
      name: 'sales',
      targets: { firstResponseMs: { chat: TARGET_MS }, nextResponseMs: { chat: TARGET_MS }, overrides: [] },
    });
    expect(policy.status).toBe(201);
    const queue = await admin.post<{ id: string }>('/v1/queues', {
      name: 'sales',
      slaPolicyId: policy.body.id,
    });
    expect(queue.status).toBe(201);
    salesId = queue.body.id;
    const { email, password } = tenant.agents[0];
    ana = await AgentClient.connect(
      harness.url,
      await AgentClient.login(harness.url, tenant.slug, email, password),
    );
    fromMs = Date.now() - 86_400_000;
    const from = new Date(fromMs).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    period = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&interval=1d`;

    // The mini-day: ana comes in; two sales contacts and one in the default queue (no SLA, so no
    // service-level threshold); the first gets a follow-up from the customer and a second reply; ana leaves.
    await ok({ type: 'status.set', status: 'available' });
    await supervisor.next('agent.status-changed', (e) => e.status === 'available');
    const first = await answer('day-1', 'sales');
    await send('day-1-again', 'day-1@customers.test');
    await ok({ type: 'conversation.reply', conversationId: first, body: 'Done' });
    await supervisor.next('reply.created', (e) => e.conversationId === first && e.body === 'Done');
    await resolve(first);
    await resolve(await answer('day-2', 'sales'));
    await resolve(await answer('day-3'));
    await ok({ type: 'status.set', status: 'away' });
    // Committed with the status change, so every rollup of the day is stored once this is seen.
    await supervisor.next('agent.status-changed', (e) => e.status === 'away');
  }, 180_000);

  afterAll(async () => {
    ana?.close();
    supervisor?.close();
    await harness?.close();
  });

  /** The day's events as stored: their instants are the ones the router measured. */
  async function storedEvents(): Promise<StoredEvent[]> {
    const rows = await harness.prisma.routingEvent.findMany({
      where: { tenantId: tenant.id },
      orderBy: { seq: 'asc' },
    });
    return rows.map((r) => r.payload as unknown as StoredEvent);
  }

  function expectedDay(events: readonly StoredEvent[]) {
    const at = (type: string, conversationId: string, nth = 0): number =>
      Date.parse(events.filter((e) => e.type === type && e.conversationId === conversationId)[nth].at);
    const [c1, c2, c3] = conversations;
    const waits = conversations.map((c) => at('assignment.created', c) - at('conversation.queued', c));
    const firsts = conversations.map((c) => at('reply.created', c) - at('conversation.queued', c));
    // The follow-up is c1's second message; the next response runs from it to the second reply.
    const next = at('reply.created', c1, 1) - at('message.received', c1, 1);
    const handles = conversations.map((c) => at('conversation.resolved', c) - at('assignment.created', c));
    const status = (s: string): number =>
      Date.parse(events.find((e) => e.type === 'agent.status-changed' && e.status === s)?.at ?? '');
    return {
      c1,
      c2,
      c3,
      waits,
      firsts,
      next,
      handles,
      staffedMs: status('away') - status('available'),
      // ana held one conversation at a time: engaged exactly while each was assigned.
      engagedMs: handles.reduce((s, h) => s + h, 0),
    };
  }

  const response = (values: readonly number[], withinTargetRate: number | null): ResponseTimeMetrics => ({
    count: values.length,
    averageMs: mean(values),
    p50Ms: histogramRead(nearestRank(values, 0.5)),
    p90Ms: histogramRead(nearestRank(values, 0.9)),
    withinTargetRate,
  });

  it('reports every metric of the day for the tenant, worked out from the stored event instants', async () => {
    const day = expectedDay(await storedEvents());
    const before = Date.now();
    const report = await supervisorApi.get<ReportBody<Metrics>>(`/v1/reports/metrics?${period}`);
    const after = Date.now();
    expect(report.status).toBe(200);
    expect(report.body.series).toHaveLength(1);
    const total = report.body.series[0].total;
    // Only the two sales contacts have a threshold (their first-response target); the default queue has none.
    const salesWaits = day.waits.slice(0, 2);
    expect(total).toEqual<Metrics>({
      queued: 3,
      answered: 3,
      abandoned: 0,
      serviceLevel: salesWaits.filter((w) => w <= TARGET_MS).length / 2,
      serviceLevelVariants: {
        answeredOnly: salesWaits.filter((w) => w <= TARGET_MS).length / 2,
        allAbandonsCounted: salesWaits.filter((w) => w <= TARGET_MS).length / 2,
        shortAbandonsMet: salesWaits.filter((w) => w <= TARGET_MS).length / 2,
      },
      asaMs: mean(day.waits),
      waitP50Ms: histogramRead(nearestRank(day.waits, 0.5)),
      waitP90Ms: histogramRead(nearestRank(day.waits, 0.9)),
      longestWaitMs: Math.max(...day.waits),
      abandonmentRate: 0,
      shortAbandons: 0,
      // Both sales replies met their clock (sla.met); the default-queue reply ran no clock.
      firstResponse: response(day.firsts, 1),
      nextResponse: response([day.next], 1),
      handled: 3,
      ahtMs: mean(day.handles),
      staffedMs: day.staffedMs,
      engagedMs: day.engagedMs,
      occupancy: day.engagedMs / day.staffedMs,
      csat: { responses: 0, satisfiedRate: null, averageScore: null },
      waitEstimates: { scored: 0, meanAbsoluteErrorMs: null, meanErrorMs: null, within30sRate: null },
      // One contact waited at a time, from its queueing to its acceptance (both batch instants), so the
      // contacts × ms waiting are exactly the sum of the waits (Little's law over a period holding them).
      queueDepth: { average: expect.any(Number) as number, max: 1, depthMsSum: sum(day.waits) },
    });
    // The average divides by the period read so far: from `from` to the server's now, inside [before, after].
    const average = total.queueDepth.average ?? Number.NaN;
    expect(average).toBeLessThanOrEqual(sum(day.waits) / (before - fromMs));
    expect(average).toBeGreaterThanOrEqual(sum(day.waits) / (after - fromMs));
  });

  it('reports per queue and per agent, and only the ids asked for', async () => {
    const day = expectedDay(await storedEvents());
    const queues = await supervisorApi.get<ReportBody<Metrics>>(
      `/v1/reports/metrics?${period}&dimension=queue`,
    );
    // The default queue has no queue row: only sales.
    expect(queues.body.series.map((s) => s.dimensionId)).toEqual([salesId]);
    expect(queues.body.series[0].total).toMatchObject({
      // The default-queue contact is in the tenant's depth only.
      queueDepth: { max: 1, depthMsSum: sum(day.waits.slice(0, 2)) },
      answered: 2,
      asaMs: mean(day.waits.slice(0, 2)),
      handled: 2,
      ahtMs: mean(day.handles.slice(0, 2)),
      staffedMs: 0,
    });
    const agentId = tenant.agents[0].id;
    const agents = await supervisorApi.get<ReportBody<Metrics>>(
      `/v1/reports/metrics?${period}&dimension=agent&ids=${agentId}`,
    );
    expect(agents.body.series.map((s) => s.dimensionId)).toEqual([agentId]);
    expect(agents.body.series[0].total).toMatchObject({
      queued: 0,
      answered: 3,
      occupancy: day.engagedMs / day.staffedMs,
    });
    const none = await supervisorApi.get<ReportBody<Metrics>>(
      `/v1/reports/metrics?${period}&dimension=agent&ids=someone-else`,
    );
    expect(none.body.series).toEqual([]);
  });

  it('reports the service level, response times and SLA outcomes per queue', async () => {
    const day = expectedDay(await storedEvents());
    const sla = await supervisorApi.get<ReportBody<Record<string, unknown>>>(
      `/v1/reports/sla?${period}&dimension=queue`,
    );
    expect(sla.status).toBe(200);
    expect(sla.body.series[0].total).toMatchObject({
      answered: 2,
      serviceLevel: day.waits.slice(0, 2).filter((w) => w <= TARGET_MS).length / 2,
      firstResponse: response(day.firsts.slice(0, 2), 1),
      nextResponse: response([day.next], 1),
    });
    expect(sla.body.outcomes).toEqual([
      { dimensionId: salesId, target: 'firstResponse', warnings: 0, breaches: 0, met: 2 },
      { dimensionId: salesId, target: 'nextResponse', warnings: 0, breaches: 0, met: 1 },
    ]);
  });

  it('answers CSV with a header row when asked for text/csv', async () => {
    const response = await fetch(`${harness.url}/v1/reports/sla?${period}`, {
      headers: { authorization: `Bearer ${supervisorApi.token ?? ''}`, accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 6)).toEqual([
      'dimension',
      'dimension_id',
      'bucket_start',
      'answered',
      'abandoned',
      'service_level',
    ]);
    // One day bucket of the tenant (two if the test ran across midnight UTC).
    expect(lines.length - 1).toBeGreaterThanOrEqual(1);
    expect(lines[1].startsWith(`tenant,${tenant.id},`)).toBe(true);
  });

  it('live: nobody waiting, ana away holding nothing', async () => {
    const live = await supervisorApi.get<{
      depth: number;
      longestWaitMs: number | null;
      agentsByStatus: Record<string, number>;
      occupancy: number | null;
    }>('/v1/reports/live');
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ depth: 0, longestWaitMs: null, occupancy: null });
    expect(live.body.agentsByStatus.away).toBe(1);
  });

  it('answers 400 problem+json naming the bad parameter', async () => {
    const cases: Array<[string, string]> = [
      [`${period.replace('interval=1d', 'interval=2h')}`, 'interval'],
      [`${period}&dimension=planet`, 'dimension'],
      ['from=yesterday&to=2026-12-05T00:00:00Z', 'from'],
      ['from=2026-12-05T00:00:00Z&to=2026-12-04T00:00:00Z', 'to'],
    ];
    for (const [query, field] of cases) {
      const response = await supervisorApi.get<{ errors: Array<{ path: string }> }>(
        `/v1/reports/metrics?${query}`,
      );
      expect(response.status, query).toBe(400);
      expect(response.type).toMatch(/application\/problem\+json/);
      expect(
        response.body.errors.map((e) => e.path),
        query,
      ).toContain(field);
    }
  });

  it("shows another tenant nothing of this one's, and refuses agents", async () => {
    const other = await createTenantFixture(harness.prisma, [{ name: 'zed' }]);
    const stranger = await ApiClient.as(harness.url, harness.prisma, other, 'supervisor');
    const theirs = await stranger.get<ReportBody<Metrics>>(`/v1/reports/metrics?${period}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.series).toEqual([]);
    const probing = await stranger.get<ReportBody<Metrics>>(
      `/v1/reports/sla?${period}&dimension=queue&ids=${salesId}`,
    );
    expect(probing.body).toMatchObject({ series: [], outcomes: [] });
    const agent = await ApiClient.as(harness.url, harness.prisma, tenant, 'agent');
    expect((await agent.get(`/v1/reports/metrics?${period}`)).status).toBe(403);
    expect((await agent.get('/v1/reports/live')).status).toBe(403);
  });
});
