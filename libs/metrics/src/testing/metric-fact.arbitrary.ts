// fast-check generators of valid facts for one tenant over three days, for the rollup property specs.
import fc from 'fast-check';
import type { AgentStatus, Channel } from '@switchboard/contracts';
import type { MetricFact } from '../facts/metric-fact.model';

export const TENANT = 't1';
const START = Date.parse('2026-03-28T00:00:00Z');
const at = fc.integer({ min: START, max: START + 3 * 86_400_000 });
const duration = fc.integer({ min: 0, max: 6 * 3_600_000 });
const queueId = fc.constantFrom<string | null>('sales', 'billing', null);
const channel = fc.constantFrom<Channel>('chat', 'email', 'whatsapp');
const agentId = fc.constantFrom('ana', 'ben', 'cai');
const threshold = fc.constantFrom<number | null>(20_000, 60_000, null);
const status = fc.constantFrom<AgentStatus>('available', 'busy', 'wrap_up', 'away', 'offline');

const base = { tenantId: fc.constant(TENANT), at, queueId, channel };

export const metricFactArbitrary: fc.Arbitrary<MetricFact> = fc.oneof(
  fc.record({ kind: fc.constant('contactQueued' as const), ...base }),
  fc.record({
    kind: fc.constant('contactAnswered' as const),
    ...base,
    agentId,
    waitMs: duration,
    thresholdMs: threshold,
  }),
  fc.record({
    kind: fc.constant('contactAbandoned' as const),
    ...base,
    waitMs: duration,
    thresholdMs: threshold,
  }),
  fc.record({
    kind: fc.constant('responseMeasured' as const),
    ...base,
    response: fc.constantFrom('first' as const, 'next' as const),
    agentId: fc.option(agentId, { nil: null }),
    ms: duration,
    withinTarget: fc.constantFrom(true, false, null),
  }),
  fc.record({ kind: fc.constant('contactHandled' as const), ...base, agentId, handleMs: duration }),
  fc.record({
    kind: fc.constant('csatScored' as const),
    ...base,
    agentId: fc.option(agentId, { nil: null }),
    score: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({
    kind: fc.constant('waitEstimateScored' as const),
    ...base,
    estimatedMs: duration,
    actualMs: duration,
  }),
  fc.record({
    kind: fc.constant('agentStateSpan' as const),
    tenantId: fc.constant(TENANT),
    agentId,
    start: at,
    ms: duration,
    status,
  }),
  fc.record({
    kind: fc.constant('agentEngagedSpan' as const),
    tenantId: fc.constant(TENANT),
    agentId,
    start: at,
    ms: duration,
  }),
  fc.record({
    kind: fc.constant('queueDepthSpan' as const),
    tenantId: fc.constant(TENANT),
    queueId,
    start: at,
    ms: fc.oneof(fc.constant(0), duration),
    depth: fc.nat({ max: 50 }),
  }),
);
