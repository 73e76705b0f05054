// A scripted day of traffic for tenant "acme" (America/New_York, UTC-5 on 2 March 2026): twelve contacts
// between 14:00 and 16:00 UTC (09:00-11:00 local), two agents, two queues and a default-queue contact.
import type { Channel } from '@switchboard/contracts';
import type { MetricFact } from '../facts/metric-fact.model';
import { scoreWaitEstimate } from '../estimate/accuracy-report.util';
import { createQueueDepthTracker } from '../depth/queue-depth.tracker';

export const TENANT = 'acme';
export const TIME_ZONE = 'America/New_York';
/** An instant on 2 March 2026, UTC. */
export const t = (hhmmss: string): number => Date.parse(`2026-03-02T${hhmmss}Z`);
/** 23:50 local on 2 March is 04:50 UTC on 3 March: the tenant's day, not the UTC day. */
export const LATE_CSAT_AT = Date.parse('2026-03-03T04:50:00Z');

interface ScriptedContact {
  readonly id: string;
  readonly queueId: 'sales' | 'support' | null;
  readonly channel: Channel;
  readonly thresholdMs: number | null;
  readonly queuedAt: number;
  readonly answered?: { readonly agentId: 'ana' | 'ben'; readonly at: number; readonly estimateMs?: number };
  readonly abandonedAt?: number;
  readonly responses?: readonly {
    readonly response: 'first' | 'next';
    readonly at: number;
    readonly ms: number;
    readonly withinTarget: boolean | null;
  }[];
  readonly resolvedAt?: number;
  readonly csat?: { readonly score: number; readonly at: number };
}

const SALES = { queueId: 'sales', thresholdMs: 30_000 } as const;
const SUPPORT = { queueId: 'support', thresholdMs: 60_000 } as const;
const DEFAULT = { queueId: null, thresholdMs: null } as const;
const first = (at: number, ms: number, withinTarget: boolean | null) => ({
  response: 'first' as const,
  at,
  ms,
  withinTarget,
});
const next = (at: number, ms: number, withinTarget: boolean | null) => ({
  response: 'next' as const,
  at,
  ms,
  withinTarget,
});

export const CONTACTS: readonly ScriptedContact[] = [
  {
    id: 'c1',
    ...SALES,
    channel: 'chat',
    queuedAt: t('14:02:00'),
    answered: { agentId: 'ana', at: t('14:02:20'), estimateMs: 30_000 },
    responses: [first(t('14:03:00'), 60_000, true)],
    resolvedAt: t('14:10:20'),
    csat: { score: 5, at: t('14:12:00') },
  },
  {
    id: 'c2',
    ...SALES,
    channel: 'chat',
    queuedAt: t('14:05:00'),
    answered: { agentId: 'ben', at: t('14:05:45'), estimateMs: 15_000 },
    responses: [first(t('14:06:30'), 90_000, true), next(t('14:20:00'), 120_000, false)],
    resolvedAt: t('14:25:45'),
    csat: { score: 3, at: t('14:30:00') },
  },
  { id: 'c3', ...SALES, channel: 'whatsapp', queuedAt: t('14:08:00'), abandonedAt: t('14:08:10') },
  { id: 'c4', ...SALES, channel: 'whatsapp', queuedAt: t('14:20:00'), abandonedAt: t('14:21:40') },
  {
    id: 'c5',
    ...SUPPORT,
    channel: 'email',
    queuedAt: t('14:16:00'),
    answered: { agentId: 'ana', at: t('14:19:00'), estimateMs: 300_000 },
    responses: [first(t('14:26:00'), 600_000, true)],
    resolvedAt: t('14:46:00'),
    csat: { score: 4, at: t('15:05:00') },
  },
  {
    id: 'c6',
    ...SUPPORT,
    channel: 'chat',
    queuedAt: t('14:31:00'),
    answered: { agentId: 'ben', at: t('14:31:30'), estimateMs: 20_000 },
    responses: [
      first(t('14:31:45'), 45_000, true),
      next(t('14:40:00'), 30_000, true),
      next(t('14:50:00'), 300_000, false),
    ],
    resolvedAt: t('14:55:30'),
    csat: { score: 2, at: t('14:58:00') },
  },
  {
    id: 'c7',
    ...SUPPORT,
    channel: 'chat',
    queuedAt: t('14:47:00'),
    answered: { agentId: 'ana', at: t('14:47:50') },
    responses: [first(t('14:48:10'), 70_000, null)],
    resolvedAt: t('15:07:50'),
  },
  {
    id: 'c8',
    ...SALES,
    channel: 'chat',
    queuedAt: t('15:01:00'),
    answered: { agentId: 'ben', at: t('15:01:30'), estimateMs: 90_000 },
    responses: [first(t('15:01:40'), 40_000, true)],
    resolvedAt: t('15:11:30'),
    csat: { score: 5, at: t('15:12:00') },
  },
  { id: 'c9', ...SALES, channel: 'email', queuedAt: t('15:10:00'), abandonedAt: t('15:12:00') },
  {
    id: 'c10',
    ...SUPPORT,
    channel: 'whatsapp',
    queuedAt: t('15:20:00'),
    answered: { agentId: 'ana', at: t('15:22:00'), estimateMs: 60_000 },
    responses: [first(t('15:22:30'), 150_000, false)],
    resolvedAt: t('15:40:00'),
  },
  {
    id: 'c11',
    ...DEFAULT,
    channel: 'chat',
    queuedAt: t('15:35:00'),
    answered: { agentId: 'ben', at: t('15:35:05') },
    responses: [first(t('15:35:10'), 10_000, null)],
    resolvedAt: t('15:45:05'),
    csat: { score: 1, at: LATE_CSAT_AT },
  },
  { id: 'c12', ...SALES, channel: 'chat', queuedAt: t('15:50:00') },
];

/** Agent status spans for the two hours: ana is away 15:10-15:20; ben wraps up 14:25:45-14:27:45. */
const STATUS_SPANS = [
  { agentId: 'ana', status: 'available', from: '14:00:00', to: '15:10:00' },
  { agentId: 'ana', status: 'away', from: '15:10:00', to: '15:20:00' },
  { agentId: 'ana', status: 'available', from: '15:20:00', to: '16:00:00' },
  { agentId: 'ben', status: 'available', from: '14:00:00', to: '14:25:45' },
  { agentId: 'ben', status: 'wrap_up', from: '14:25:45', to: '14:27:45' },
  { agentId: 'ben', status: 'available', from: '14:27:45', to: '16:00:00' },
] as const;

/** Every fact of the day, as the router would derive them from its events. */
export function scriptedDayFacts(): MetricFact[] {
  const facts: MetricFact[] = STATUS_SPANS.map((s) => ({
    kind: 'agentStateSpan',
    tenantId: TENANT,
    agentId: s.agentId,
    status: s.status,
    start: t(s.from),
    ms: t(s.to) - t(s.from),
  }));
  for (const c of CONTACTS) facts.push(...contactFacts(c));
  return facts;
}

function contactFacts(c: ScriptedContact): MetricFact[] {
  const base = { tenantId: TENANT, queueId: c.queueId, channel: c.channel };
  const facts: MetricFact[] = [{ kind: 'contactQueued', ...base, at: c.queuedAt }];
  if (c.abandonedAt !== undefined) {
    facts.push({
      kind: 'contactAbandoned',
      ...base,
      at: c.abandonedAt,
      waitMs: c.abandonedAt - c.queuedAt,
      thresholdMs: c.thresholdMs,
    });
  }
  const answered = c.answered;
  if (answered === undefined) return facts;
  const agentId = answered.agentId;
  facts.push({
    kind: 'contactAnswered',
    ...base,
    agentId,
    at: answered.at,
    waitMs: answered.at - c.queuedAt,
    thresholdMs: c.thresholdMs,
  });
  if (answered.estimateMs !== undefined) {
    facts.push(
      scoreWaitEstimate({ ...base, queuedAt: c.queuedAt, estimatedMs: answered.estimateMs }, answered.at),
    );
  }
  for (const r of c.responses ?? []) facts.push({ kind: 'responseMeasured', ...base, agentId, ...r });
  if (c.resolvedAt !== undefined) {
    facts.push({
      kind: 'contactHandled',
      ...base,
      agentId,
      at: c.resolvedAt,
      handleMs: c.resolvedAt - answered.at,
    });
    facts.push({
      kind: 'agentEngagedSpan',
      tenantId: TENANT,
      agentId,
      start: answered.at,
      ms: c.resolvedAt - answered.at,
    });
  }
  if (c.csat !== undefined)
    facts.push({ kind: 'csatScored', ...base, agentId, score: c.csat.score, at: c.csat.at });
  return facts;
}

/** The end of the scripted traffic: the depth facts are flushed here, with c12 still waiting. */
export const DEPTH_FLUSH_AT = t('16:00:00');

/**
 * The queue-depth facts of the day: the tracker sees the waiting counts after each arrival, answer and
 * abandon (as the router would after each batch), then is flushed at 16:00.
 */
export function scriptedDayDepthFacts(): MetricFact[] {
  const changes = CONTACTS.flatMap((c) => {
    const left = c.answered?.at ?? c.abandonedAt;
    return [
      { at: c.queuedAt, queueId: c.queueId, delta: 1 },
      ...(left === undefined ? [] : [{ at: left, queueId: c.queueId, delta: -1 }]),
    ];
  }).sort((a, b) => a.at - b.at);
  const tracker = createQueueDepthTracker(TENANT);
  tracker.restore(t('14:00:00'), []);
  const waiting = new Map<string | null, number>();
  const facts: MetricFact[] = [];
  for (const change of changes) {
    waiting.set(change.queueId, (waiting.get(change.queueId) ?? 0) + change.delta);
    const depths = [...waiting].map(([queueId, count]) => ({ queueId, waiting: count }));
    facts.push(...tracker.observe(change.at, depths));
  }
  facts.push(...tracker.flush(DEPTH_FLUSH_AT));
  return facts;
}
