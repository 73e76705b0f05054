import { ROUTING_EVENT_V1, RoutingEventV1Schema, type RoutingEventV1 } from '@switchboard/contracts';
import { summarize, type RollupRow } from '@switchboard/metrics';
import { describe, expect, it } from 'vitest';
import { TenantMetrics, serviceLevelThreshold } from './tenant-metrics';

const T = 't1';
const at = (hhmmss: string): number => Date.parse(`2026-03-02T${hhmmss}Z`);
let seq = 0;
/** A contract-valid routing event; the router stamps every event of a batch with the batch's instant. */
const event = (time: string, body: Record<string, unknown>): RoutingEventV1 => {
  seq += 1;
  return RoutingEventV1Schema.parse({
    schema: ROUTING_EVENT_V1,
    eventId: `e${seq}`,
    tenantId: T,
    seq,
    at: new Date(at(time)).toISOString(),
    ...body,
  });
};
const queued = (time: string, conversationId: string): RoutingEventV1 =>
  event(time, {
    type: 'conversation.queued',
    conversationId,
    customerId: 'cu1',
    channel: 'chat',
    queueId: 'sales',
    priority: 0,
    tier: 'standard',
  });
const assigned = (time: string, conversationId: string): RoutingEventV1 =>
  event(time, {
    type: 'assignment.created',
    assignmentId: `a-${conversationId}`,
    offerId: `o-${conversationId}`,
    conversationId,
    agentId: 'ana',
  });
const reply = (time: string, conversationId: string): RoutingEventV1 =>
  event(time, {
    type: 'reply.created',
    conversationId,
    messageId: `r${seq + 1}`,
    agentId: 'ana',
    clientMessageId: null,
    channel: 'chat',
    inboxId: null,
    to: { address: 'visitor-1' },
    threadKey: null,
    inReplyTo: null,
    subject: null,
    body: 'hello',
    html: null,
    status: 'queued',
  });
const outcome = (
  time: string,
  type: 'sla.met' | 'sla.breached',
  conversationId: string,
  withinTarget: boolean,
): RoutingEventV1 =>
  event(time, {
    type,
    conversationId,
    agentId: 'ana',
    queueId: 'sales',
    target: 'firstResponse',
    run: 1,
    policyId: 'p1',
    targetMs: 60_000,
    deadline: new Date(at('10:01:00')).toISOString(),
    elapsedMs: 1,
    carriedOverMs: 0,
    withinTarget,
    actions: [],
  });
const status = (time: string, s: string): RoutingEventV1 =>
  event(time, { type: 'agent.status-changed', agentId: 'ana', status: s, cause: 'agent' });

const metrics = (): TenantMetrics =>
  new TenantMetrics(
    { tenantId: T, thresholdMsOf: (queueId) => (queueId === 'sales' ? 20_000 : null), timeZone: 'UTC' },
    { at: at('10:00:00'), conversations: [], agents: [] },
  );
const series = (rows: readonly RollupRow[], dimension: string, interval = '1d'): RollupRow[] =>
  rows.filter((r) => r.dimension === dimension && r.interval === interval);

describe('TenantMetrics', () => {
  it('writes queue depth from the takeover, closing spans on change and at the quarter hour', () => {
    const m = new TenantMetrics(
      { tenantId: T, thresholdMsOf: () => null, timeZone: 'UTC' },
      { at: at('10:00:00'), conversations: [], agents: [] },
      [{ queueId: 'sales', waiting: 1 }],
    );
    const MIN = 60_000;
    const rows = [
      ...m.rollUp([], at('10:05:00'), [], [{ queueId: 'sales', waiting: 2 }]),
      // Crosses 10:15: the 2 waiting since 10:05 are written up to the boundary, then to 10:20.
      ...m.rollUp([], at('10:20:00'), [], [{ queueId: 'sales', waiting: 0 }]),
      // Nothing changed: no depth rows at all.
      ...m.rollUp([], at('10:25:00'), [], [{ queueId: 'sales', waiting: 0 }]),
    ];
    const hour = series(rows, 'queue', '1h');
    expect(summarize(hour, { coveredMs: 60 * MIN }).queueDepth).toEqual({
      average: (1 * 5 + 2 * 10 + 2 * 5) / 60,
      max: 2,
      depthMsSum: 35 * MIN,
    });
    expect(
      summarize(series(rows, 'queue', '15m').filter((r) => r.bucketStart === at('10:15:00'))).queueDepth,
    ).toMatchObject({ max: 2, depthMsSum: 10 * MIN });
    expect(summarize(series(rows, 'tenant', '1h')).queueDepth.depthMsSum).toBe(35 * MIN);
  });

  it('judges a first response by the sla.met of its batch, whichever comes first', () => {
    const m = metrics();
    m.rollUp([queued('10:00:00', 'c1'), queued('10:00:00', 'c2')], at('10:00:00'));
    m.rollUp([assigned('10:00:10', 'c1'), assigned('10:00:10', 'c2')], at('10:00:10'));
    const rows = m.rollUp(
      [outcome('10:00:40', 'sla.met', 'c1', true), reply('10:00:40', 'c1'), reply('10:00:40', 'c2')],
      at('10:00:40'),
    );
    const day = summarize(series(rows, 'tenant'));
    expect(day.firstResponse.count).toBe(2);
    expect(day.firstResponse.averageMs).toBe(40_000);
    // c2 had no outcome in its batch and no breach before: no target known, so it is left out of the rate.
    expect(day.firstResponse.withinTargetRate).toBe(1);
  });

  it('counts a reply after a breach as a missed target, once', () => {
    const m = metrics();
    m.rollUp([queued('10:00:00', 'c1'), assigned('10:00:00', 'c1')], at('10:00:00'));
    m.rollUp([outcome('10:01:00', 'sla.breached', 'c1', false)], at('10:01:00'));
    const rows = m.rollUp([reply('10:02:00', 'c1')], at('10:02:00'));
    const day = summarize(series(rows, 'queue'));
    expect(day.firstResponse.count).toBe(1);
    expect(day.firstResponse.withinTargetRate).toBe(0);
  });

  it('rolls up answers against the threshold into service level and ASA', () => {
    const m = metrics();
    const first = m.rollUp([queued('10:00:00', 'c1'), queued('10:00:00', 'c2')], at('10:00:00'));
    const rows = [
      ...first,
      ...m.rollUp([assigned('10:00:15', 'c1')], at('10:00:15')),
      ...m.rollUp([assigned('10:00:30', 'c2')], at('10:00:30')),
    ];
    const hour = summarize(series(rows, 'tenant', '1h'));
    expect(hour).toMatchObject({ queued: 2, answered: 2, serviceLevel: 0.5, asaMs: 22_500 });
  });

  it('closes agent spans at the quarter hour the first batch after it crosses', () => {
    const m = metrics();
    m.rollUp([status('10:05:00', 'available')], at('10:05:00'));
    // Nothing happens until 10:20: the available span 10:05-10:15 reaches the 10:00 quarter then.
    const rows = m.rollUp([queued('10:20:00', 'c9')], at('10:20:00'));
    const quarters = series(rows, 'agent', '15m');
    expect(quarters).toHaveLength(1);
    expect(quarters[0]?.bucketStart).toBe(at('10:00:00'));
    expect(quarters[0]?.counters.availableMs).toBe(10 * 60_000);
    // The span goes on from 10:15: the next status change closes it there, not at 10:05.
    const later = m.rollUp([status('10:25:00', 'away')], at('10:25:00'));
    expect(series(later, 'agent', '1d')[0]?.counters.availableMs).toBe(10 * 60_000);
  });

  it('leaves out a fact the library refuses instead of failing the batch', () => {
    const refused: unknown[] = [];
    const m = new TenantMetrics(
      {
        tenantId: T,
        thresholdMsOf: () => null,
        timeZone: 'UTC',
        onRefused: (facts) => refused.push(...facts),
      },
      // Restored with a queued instant after the router's clock: the answer would have a negative wait.
      {
        at: at('10:00:00'),
        conversations: [
          {
            conversationId: 'skewed',
            queueId: 'sales',
            channel: 'chat',
            queuedAt: at('10:05:00'),
            assignment: null,
            replied: false,
            awaitingReplySince: null,
          },
        ],
        agents: [],
      },
    );
    const rows = m.rollUp([assigned('10:01:00', 'skewed'), queued('10:01:00', 'c1')], at('10:01:00'));
    expect(refused).toMatchObject([{ kind: 'contactAnswered', waitMs: -240_000 }]);
    expect(summarize(series(rows, 'tenant'))).toMatchObject({ queued: 1, answered: 0 });
  });

  it('rolls up the facts no event carries with the batch', () => {
    const rows = metrics().rollUp([], at('10:01:00'), [
      {
        kind: 'csatScored',
        tenantId: T,
        queueId: 'sales',
        channel: 'chat',
        agentId: 'ana',
        at: at('10:01:00'),
        score: 5,
      },
    ]);
    expect(summarize(series(rows, 'agent')).csat).toEqual({
      responses: 1,
      satisfiedRate: 1,
      averageScore: 5,
    });
  });

  it('produces no rows for a batch without facts', () => {
    expect(metrics().rollUp([], at('10:01:00'))).toEqual([]);
  });
});

describe('serviceLevelThreshold', () => {
  it("is the queue's first-response target for the channel", () => {
    const seen: unknown[] = [];
    const threshold = serviceLevelThreshold({
      effective: (subject) => {
        seen.push(subject);
        return {
          policyId: 'p',
          calendar: null,
          targets: { firstResponse: 30_000, nextResponse: null, resolution: null },
          warnAtPercent: 80,
          onWarning: [],
          onBreach: [],
          matched: {} as never,
        };
      },
    });
    expect(threshold('sales', 'chat')).toBe(30_000);
    expect(seen).toEqual([{ queueId: 'sales', channel: 'chat', tier: 'standard', priority: 0 }]);
  });
});
