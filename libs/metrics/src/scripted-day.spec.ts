// Every metric of the scripted day (testing/scripted-day.fixture.ts), worked out by hand from the contacts.
// Percentiles are the exact nearest-rank value read through the histogram (`read`), as docs/metrics.md says.
import { describe, expect, it } from 'vitest';
import { accuracyReport } from './estimate/accuracy-report.util';
import { histogramBucketOf, histogramBucketValue } from './histogram/log-histogram.util';
import { rollUp } from './rollup/roll-up.util';
import type { RollupRow } from './rollup/rollup-row.model';
import { summarize } from './summary/summarize.util';
import type { Metrics } from './summary/metrics.model';
import { ROUTING_EVENT_V1, RoutingEventV1Schema, type RoutingEventV1 } from '@switchboard/contracts';
import { createEventFactTracker } from './derive/event-facts.tracker';
import {
  CONTACTS,
  LATE_CSAT_AT,
  TENANT,
  TIME_ZONE,
  scriptedDayDepthFacts,
  scriptedDayFacts,
  t,
} from './testing/scripted-day.fixture';

const S = 1_000;
const read = (ms: number): number => histogramBucketValue(histogramBucketOf(ms));
const rows = rollUp([...scriptedDayFacts(), ...scriptedDayDepthFacts()], { timeZone: TIME_ZONE });
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR; // 2 March 2026 in New York: no DST change
const series = (dimension: string, dimensionId: string, interval: string): RollupRow[] =>
  rows.filter((r) => r.dimension === dimension && r.dimensionId === dimensionId && r.interval === interval);
const bucket = (dimension: string, dimensionId: string, interval: string, start: number): RollupRow[] =>
  series(dimension, dimensionId, interval).filter((r) => r.bucketStart === start);
const NO_RESPONSES = { count: 0, averageMs: null, p50Ms: null, p90Ms: null, withinTargetRate: null };
const NO_ESTIMATES = { scored: 0, meanAbsoluteErrorMs: null, meanErrorMs: null, within30sRate: null };

describe('the scripted day', () => {
  it("puts the day in the tenant's zone: one day bucket from 05:00 UTC, holding the 23:50 local CSAT", () => {
    expect(series('tenant', TENANT, '1d').map((r) => r.bucketStart)).toEqual([
      Date.parse('2026-03-02T05:00:00Z'),
    ]);
    expect(series('tenant', TENANT, '15m').map((r) => r.bucketStart)).toContain(LATE_CSAT_AT - 5 * 60 * S);
  });

  it('tenant, whole day', () => {
    const expected: Metrics = {
      queued: 12, // c1-c12
      answered: 8, // c1 c2 c5 c6 c7 c8 c10 c11
      abandoned: 3, // c3 (10 s), c4 (100 s), c9 (120 s)
      // Answered with a threshold: all but c11 (7). Within it: c1 20<=30, c6 30<=60, c7 50<=60, c8 30<=30 (4);
      // not: c2 45>30, c5 180>60, c10 120>60. Abandoned after threshold: c4, c9 (2); c3 is a short abandon.
      serviceLevel: 4 / (7 + 2),
      serviceLevelVariants: { answeredOnly: 4 / 7, allAbandonsCounted: 4 / 10, shortAbandonsMet: 5 / 10 },
      asaMs: (480 * S) / 8, // waits 20+45+180+30+50+30+120+5 = 480 s
      waitP50Ms: read(30 * S), // sorted 5 20 30 30 45 50 120 180: rank ceil(0.5*8)=4 -> 30 s
      waitP90Ms: read(180 * S), // rank ceil(0.9*8)=8 -> 180 s
      longestWaitMs: 180 * S, // c5; the abandons waited at most 120 s
      abandonmentRate: 3 / 11,
      shortAbandons: 1,
      // First responses: c1 60, c2 90, c5 600, c6 45, c7 70, c8 40, c10 150, c11 10 = 1065 s; with a target: all but
      // c7 and c11 (6), met by all of those but c10 (5). Sorted 10 40 45 60 70 90 150 600: ranks 4 and 8.
      firstResponse: {
        count: 8,
        averageMs: (1065 * S) / 8,
        p50Ms: read(60 * S),
        p90Ms: read(600 * S),
        withinTargetRate: 5 / 6,
      },
      // Next responses: c2 120 (missed), c6 30 (met), c6 300 (missed) = 450 s. Sorted 30 120 300: ranks 2 and 3.
      nextResponse: {
        count: 3,
        averageMs: (450 * S) / 3,
        p50Ms: read(120 * S),
        p90Ms: read(300 * S),
        withinTargetRate: 1 / 3,
      },
      handled: 8,
      ahtMs: (8220 * S) / 8, // 480+1200+1620+1440+1200+600+1080+600 = 8220 s
      // ana available 4200 + 2400 s (away 600 s not staffed); ben 1545 + 120 wrap-up + 5535 s = 7200 s.
      staffedMs: 13_800 * S,
      engagedMs: 8_220 * S, // no agent held two conversations at once, so engaged = handle time here
      occupancy: 8_220 / 13_800,
      // Waiting 14:00-16:00, one at a time: 435 s before 15:00 (below) and 875 s after; c12 from 15:50 to the flush.
      queueDepth: { average: (1310 * S) / DAY, max: 1, depthMsSum: 1310 * S },
      // c1 5, c2 3, c5 4, c6 2, c8 5, c11 1 (23:50 local): 20 points, three 4-or-5s.
      csat: { responses: 6, satisfiedRate: 3 / 6, averageScore: 20 / 6 },
      // Estimate - actual: c1 +10, c2 -30, c5 +120, c6 -10, c8 +60, c10 -60 s. |e| = 290 s, sum e = 90 s,
      // within ±30 s: c1, c2 (exactly 30), c6.
      waitEstimates: {
        scored: 6,
        meanAbsoluteErrorMs: (290 * S) / 6,
        meanErrorMs: (90 * S) / 6,
        within30sRate: 3 / 6,
      },
    };
    expect(summarize(series('tenant', TENANT, '1d'), { coveredMs: DAY })).toEqual(expected);
    // The 15-minute buckets add up to the same day.
    expect(summarize(series('tenant', TENANT, '15m'), { coveredMs: DAY })).toEqual(expected);
  });

  it('tenant, 14:00-15:00 UTC', () => {
    expect(summarize(bucket('tenant', TENANT, '1h', t('14:00:00')), { coveredMs: HOUR })).toEqual({
      queued: 7, // c1-c7
      answered: 5, // c1 20, c2 45, c5 180, c6 30, c7 50 s: within c1 c6 c7
      abandoned: 2, // c3 short, c4 after threshold
      serviceLevel: 3 / (5 + 1),
      serviceLevelVariants: { answeredOnly: 3 / 5, allAbandonsCounted: 3 / 7, shortAbandonsMet: 4 / 7 },
      asaMs: (325 * S) / 5,
      waitP50Ms: read(45 * S), // 20 30 45 50 180: rank 3
      waitP90Ms: read(180 * S), // rank 5
      longestWaitMs: 180 * S,
      abandonmentRate: 2 / 7,
      shortAbandons: 1,
      // c1 60 met, c2 90 met, c5 600 met, c6 45 met, c7 70 no target: 865 s. Sorted 45 60 70 90 600.
      firstResponse: {
        count: 5,
        averageMs: (865 * S) / 5,
        p50Ms: read(70 * S),
        p90Ms: read(600 * S),
        withinTargetRate: 1,
      },
      nextResponse: {
        count: 3,
        averageMs: (450 * S) / 3,
        p50Ms: read(120 * S),
        p90Ms: read(300 * S),
        withinTargetRate: 1 / 3,
      },
      handled: 4, // resolved c1 480, c2 1200, c5 1620, c6 1440 s
      ahtMs: (4740 * S) / 4,
      staffedMs: 7200 * S, // both agents staffed the whole hour (ben's 2 min wrap-up counts)
      // ana c1 480 + c5 1620 + c7 from 14:47:50 to 15:00 730; ben c2 1200 + c6 1440.
      // c1 20 + c2 45 + c3 10 + c5 180 + c4 100 + c6 30 + c7 50 = 435 s, never two at once.
      queueDepth: { average: (435 * S) / HOUR, max: 1, depthMsSum: 435 * S },
      engagedMs: 5470 * S,
      occupancy: 5470 / 7200,
      csat: { responses: 3, satisfiedRate: 1 / 3, averageScore: 10 / 3 }, // c1 5, c2 3 (14:30), c6 2
      // c1 +10, c2 -30, c5 +120, c6 -10: |e| 170 s, sum 90 s, three within ±30 s.
      waitEstimates: {
        scored: 4,
        meanAbsoluteErrorMs: (170 * S) / 4,
        meanErrorMs: (90 * S) / 4,
        within30sRate: 3 / 4,
      },
    });
  });

  it('tenant, 15:00-16:00 UTC', () => {
    expect(summarize(bucket('tenant', TENANT, '1h', t('15:00:00')), { coveredMs: HOUR })).toEqual({
      queued: 5, // c8-c12
      answered: 3, // c8 30 (within, on the threshold), c10 120 (not), c11 5 (no threshold)
      abandoned: 1, // c9 after 120 s
      serviceLevel: 1 / (2 + 1),
      serviceLevelVariants: { answeredOnly: 1 / 2, allAbandonsCounted: 1 / 3, shortAbandonsMet: 1 / 3 },
      asaMs: (155 * S) / 3,
      waitP50Ms: read(30 * S), // 5 30 120: rank 2
      waitP90Ms: read(120 * S),
      longestWaitMs: 120 * S,
      abandonmentRate: 1 / 4,
      shortAbandons: 0,
      // c8 40 met, c10 150 missed, c11 10 no target. Sorted 10 40 150.
      firstResponse: {
        count: 3,
        averageMs: (200 * S) / 3,
        p50Ms: read(40 * S),
        p90Ms: read(150 * S),
        withinTargetRate: 1 / 2,
      },
      nextResponse: NO_RESPONSES,
      handled: 4, // c7 1200, c8 600, c10 1080, c11 600 s
      ahtMs: (3480 * S) / 4,
      // c8 30 + c9 120 + c10 120 + c11 5 (default queue: in the tenant total) + c12 600 (15:50-16:00) = 875 s.
      queueDepth: { average: (875 * S) / HOUR, max: 1, depthMsSum: 875 * S },
      staffedMs: 6600 * S, // ana 600 + 2400 (away 15:10-15:20), ben 3600
      engagedMs: 2750 * S, // ana c7 470 + c10 1080; ben c8 600 + c11 600
      occupancy: 2750 / 6600,
      csat: { responses: 2, satisfiedRate: 1, averageScore: 9 / 2 }, // c5 4 (15:05), c8 5
      waitEstimates: { scored: 2, meanAbsoluteErrorMs: 60 * S, meanErrorMs: 0, within30sRate: 0 }, // c8 +60, c10 -60
    });
  });

  it('tenant, 14:15-14:30 UTC: spans split at the bucket edges', () => {
    expect(summarize(bucket('tenant', TENANT, '15m', t('14:15:00')), { coveredMs: 15 * MIN })).toEqual({
      queued: 2, // c5 14:16, c4 14:20
      answered: 1, // c5 after 180 s, over its 60 s threshold
      abandoned: 1, // c4 after 100 s, over its 30 s threshold
      serviceLevel: 0,
      serviceLevelVariants: { answeredOnly: 0, allAbandonsCounted: 0, shortAbandonsMet: 0 },
      asaMs: 180 * S,
      waitP50Ms: read(180 * S),
      waitP90Ms: read(180 * S),
      longestWaitMs: 180 * S,
      abandonmentRate: 1 / 2,
      shortAbandons: 0,
      firstResponse: {
        count: 1,
        averageMs: 600 * S,
        p50Ms: read(600 * S),
        p90Ms: read(600 * S),
        withinTargetRate: 1,
      }, // c5 at 14:26
      nextResponse: {
        count: 1,
        averageMs: 120 * S,
        p50Ms: read(120 * S),
        p90Ms: read(120 * S),
        withinTargetRate: 0,
      }, // c2 at 14:20
      handled: 1, // c2 resolved 14:25:45 after 1200 s
      ahtMs: 1200 * S,
      // ana 900 s; ben 645 available + 120 wrap-up + 135 available.
      // c5 14:16:00-14:19:00 (180 s), then c4 14:20:00-14:21:40 (100 s).
      queueDepth: { average: (280 * S) / (15 * MIN), max: 1, depthMsSum: 280 * S },
      staffedMs: 1800 * S,
      engagedMs: 1305 * S, // ana c5 from 14:19 (660 s); ben c2 until 14:25:45 (645 s)
      occupancy: 1305 / 1800,
      csat: { responses: 0, satisfiedRate: null, averageScore: null }, // c2's score came at 14:30, the next bucket
      waitEstimates: { scored: 1, meanAbsoluteErrorMs: 120 * S, meanErrorMs: 120 * S, within30sRate: 0 }, // c5 +120
    });
  });

  it('queue sales, whole day', () => {
    expect(summarize(series('queue', 'sales', '1d'), { coveredMs: DAY })).toEqual({
      queued: 7, // c1 c2 c3 c4 c8 c9 c12
      answered: 3, // c1 20 (within 30), c2 45 (not), c8 30 (within)
      abandoned: 3, // c3 10 (short), c4 100, c9 120
      serviceLevel: 2 / (3 + 2),
      serviceLevelVariants: { answeredOnly: 2 / 3, allAbandonsCounted: 2 / 6, shortAbandonsMet: 3 / 6 },
      asaMs: (95 * S) / 3,
      waitP50Ms: read(30 * S), // 20 30 45: rank 2
      waitP90Ms: read(45 * S),
      longestWaitMs: 120 * S, // c9's abandon outwaited every answer
      abandonmentRate: 3 / 6,
      shortAbandons: 1,
      firstResponse: {
        count: 3,
        averageMs: (190 * S) / 3,
        p50Ms: read(60 * S),
        p90Ms: read(90 * S),
        withinTargetRate: 1,
      }, // 40 60 90
      nextResponse: {
        count: 1,
        averageMs: 120 * S,
        p50Ms: read(120 * S),
        p90Ms: read(120 * S),
        withinTargetRate: 0,
      },
      handled: 3,
      ahtMs: (2280 * S) / 3, // 480 + 1200 + 600 s
      // c1 20 + c2 45 + c3 10 + c4 100 + c8 30 + c9 120 + c12 600 = 925 s.
      queueDepth: { average: (925 * S) / DAY, max: 1, depthMsSum: 925 * S },
      staffedMs: 0, // agents' time belongs to agents and the tenant, not to a queue
      engagedMs: 0,
      occupancy: null,
      csat: { responses: 3, satisfiedRate: 2 / 3, averageScore: 13 / 3 }, // 5, 3, 5
      waitEstimates: {
        scored: 3,
        meanAbsoluteErrorMs: (100 * S) / 3,
        meanErrorMs: (40 * S) / 3,
        within30sRate: 2 / 3,
      },
    });
  });

  it('agent ana, whole day', () => {
    expect(summarize(series('agent', 'ana', '1d'))).toEqual({
      queued: 0, // queueing and abandons name no agent
      answered: 4, // c1 20 (within 30), c5 180 (not), c7 50 (within 60), c10 120 (not)
      abandoned: 0,
      serviceLevel: 2 / 4,
      serviceLevelVariants: { answeredOnly: 2 / 4, allAbandonsCounted: 2 / 4, shortAbandonsMet: 2 / 4 },
      asaMs: (370 * S) / 4,
      waitP50Ms: read(50 * S), // 20 50 120 180: rank 2
      waitP90Ms: read(180 * S), // rank 4
      longestWaitMs: 180 * S,
      abandonmentRate: 0,
      shortAbandons: 0,
      // c1 60 met, c5 600 met, c7 70 no target, c10 150 missed = 880 s. Sorted 60 70 150 600.
      firstResponse: {
        count: 4,
        averageMs: (880 * S) / 4,
        p50Ms: read(70 * S),
        p90Ms: read(600 * S),
        withinTargetRate: 2 / 3,
      },
      nextResponse: NO_RESPONSES,
      handled: 4,
      ahtMs: (4380 * S) / 4, // 480 + 1620 + 1200 + 1080 s
      queueDepth: { average: null, max: 0, depthMsSum: 0 }, // depth has queue and tenant rows only
      staffedMs: 6600 * S,
      engagedMs: 4380 * S,
      occupancy: 4380 / 6600,
      csat: { responses: 2, satisfiedRate: 1, averageScore: 9 / 2 }, // c1 5, c5 4
      waitEstimates: NO_ESTIMATES, // scored per queue, not per agent
    });
  });

  it('channels: chat, whatsapp and email', () => {
    const chat = summarize(series('channel', 'chat', '1d'));
    // Chat: c1 c2 c6 c7 c8 c11 c12 queued; all but c12 answered, none abandoned.
    expect(chat).toMatchObject({ queued: 7, answered: 6, abandoned: 0, handled: 6 });
    expect(summarize(series('channel', 'whatsapp', '1d'))).toMatchObject({
      queued: 3,
      answered: 1,
      abandoned: 2,
    });
    expect(summarize(series('channel', 'email', '1d'))).toMatchObject({
      queued: 2,
      answered: 1,
      abandoned: 1,
    });
  });

  it('reports wait-estimate accuracy per queue', () => {
    expect(accuracyReport(rows.filter((r) => r.interval === '1d'))).toEqual([
      // c1 +10, c2 -30, c8 +60 s
      {
        queueId: 'sales',
        scored: 3,
        meanAbsoluteErrorMs: (100 * S) / 3,
        meanErrorMs: (40 * S) / 3,
        within30sRate: 2 / 3,
      },
      // c5 +120, c6 -10, c10 -60 s
      {
        queueId: 'support',
        scored: 3,
        meanAbsoluteErrorMs: (190 * S) / 3,
        meanErrorMs: (50 * S) / 3,
        within30sRate: 1 / 3,
      },
    ]);
  });

  it('gets its abandons from the router’s events: queued, then abandoned before any answer', () => {
    // c4, worked: queued 14:20:00 in sales (threshold 30 s), the visitor ends the chat at 14:21:40 -> waited
    // 100 s, over the threshold, so it is in the service level's denominator (see 'tenant, whole day').
    const thresholds = new Map(CONTACTS.map((c) => [c.id, c.thresholdMs]));
    let seq = 0;
    const event = (at: number, body: Record<string, unknown>): RoutingEventV1 =>
      RoutingEventV1Schema.parse({
        schema: ROUTING_EVENT_V1,
        eventId: `e${++seq}`,
        tenantId: TENANT,
        seq,
        at: new Date(at).toISOString(),
        ...body,
      });
    const abandons = CONTACTS.filter((c) => c.abandonedAt !== undefined);
    const tracker = createEventFactTracker({
      tenantId: TENANT,
      thresholdMsOf: (queueId) => (queueId === 'sales' ? (thresholds.get('c4') ?? null) : null),
    });
    const facts = abandons.flatMap((c) => {
      const ids = { conversationId: c.id, queueId: c.queueId, channel: c.channel };
      return [
        ...tracker.apply(
          event(c.queuedAt, {
            type: 'conversation.queued',
            ...ids,
            customerId: 'cu',
            priority: 0,
            tier: 'standard',
          }),
        ),
        ...tracker.apply(
          event(c.abandonedAt ?? 0, { type: 'conversation.abandoned', ...ids, reason: 'visitor-ended' }),
        ),
      ];
    });
    const expected = scriptedDayFacts().filter(
      (f) =>
        (f.kind === 'contactQueued' || f.kind === 'contactAbandoned') &&
        abandons.some((c) => c.queuedAt === f.at || c.abandonedAt === f.at),
    );
    expect(facts).toEqual(expected);
    expect(facts.find((f) => f.kind === 'contactAbandoned' && f.at === t('14:21:40'))).toMatchObject({
      waitMs: 100 * S,
      thresholdMs: 30 * S,
    });
  });
});
