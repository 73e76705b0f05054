// Turns facts into rollup rows: every fact lands in the bucket containing it, for each interval and each
// dimension it names; agent spans are split across the buckets they overlap. Pure and order-independent.
import type { AgentStatus } from '@switchboard/contracts';
import { splitDepthSpan } from '../depth/depth-split.util';
import type { AgentSpanFact, ContactFact, MetricFact, QueueDepthSpanFact } from '../facts/metric-fact.model';
import { EMPTY_HISTOGRAM, emptyHistogram, recordInHistogram } from '../histogram/log-histogram.util';
import { METRIC_INTERVALS, bucketClock, type BucketClock, type MetricInterval } from './bucket-clock.util';
import {
  emptyCounters,
  rollupKeyId,
  type HistogramColumn,
  type MetricDimension,
  type RollupCounters,
  type RollupKey,
  type RollupRow,
} from './rollup-row.model';
import { validateFact } from './fact-validation.util';

export interface RollUpOptions {
  /** The tenant's IANA zone: day buckets start at its local midnight. */
  readonly timeZone: string;
  /** Defaults to every interval (15m, 1h, 1d). */
  readonly intervals?: readonly MetricInterval[];
}

/** Within this much an estimate counts as accurate (the issue's ±30 s). */
export const ESTIMATE_TOLERANCE_MS = 30_000;

const STATUS_COLUMN: Record<AgentStatus, 'availableMs' | 'busyMs' | 'wrapUpMs' | 'awayMs' | null> = {
  available: 'availableMs',
  busy: 'busyMs',
  wrap_up: 'wrapUpMs',
  away: 'awayMs',
  // Offline time is neither staffed nor reported, so it makes no row at all.
  offline: null,
};

/** The rows for these facts, merged by key and sorted by key. Facts of one tenant (or tenants sharing a zone). */
export function rollUp(facts: readonly MetricFact[], options: RollUpOptions): RollupRow[] {
  const clock = bucketClock(options.timeZone);
  const intervals = options.intervals ?? METRIC_INTERVALS;
  const rows = new Map<string, RollupRow>();
  const countersAt = (key: RollupKey): RollupCounters => {
    const id = rollupKeyId(key);
    let row = rows.get(id);
    if (row === undefined) {
      row = { ...key, counters: emptyCounters() };
      rows.set(id, row);
    }
    return row.counters;
  };

  for (const fact of facts) {
    validateFact(fact);
    if (fact.kind === 'agentStateSpan' || fact.kind === 'agentEngagedSpan') {
      rollSpan(fact, clock, intervals, countersAt);
      continue;
    }
    if (fact.kind === 'queueDepthSpan') {
      rollDepthSpan(fact, clock, intervals, countersAt);
      continue;
    }
    const dimensions = contactDimensions(fact);
    for (const interval of intervals) {
      const bucketStart = clock.startOf(interval, fact.at);
      for (const [dimension, dimensionId] of dimensions) {
        applyContactFact(
          countersAt({ tenantId: fact.tenantId, dimension, dimensionId, interval, bucketStart }),
          fact,
        );
      }
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

function contactDimensions(fact: ContactFact): [MetricDimension, string][] {
  const dimensions: [MetricDimension, string][] = [
    ['tenant', fact.tenantId],
    ['channel', fact.channel],
  ];
  if (fact.queueId !== null) dimensions.push(['queue', fact.queueId]);
  const agentId = 'agentId' in fact ? fact.agentId : null;
  if (agentId !== null) dimensions.push(['agent', agentId]);
  return dimensions;
}

function applyContactFact(c: RollupCounters, fact: ContactFact): void {
  switch (fact.kind) {
    case 'contactQueued':
      c.queued += 1;
      return;
    case 'contactAnswered':
      c.answered += 1;
      c.answeredWaitMsSum += fact.waitMs;
      observe(c, 'waitHistogram', fact.waitMs);
      c.longestWaitMs = Math.max(c.longestWaitMs, fact.waitMs);
      if (fact.thresholdMs !== null) {
        c.answeredWithThreshold += 1;
        if (fact.waitMs <= fact.thresholdMs) c.answeredWithinThreshold += 1;
      }
      return;
    case 'contactAbandoned':
      c.abandoned += 1;
      c.abandonedWaitMsSum += fact.waitMs;
      c.longestWaitMs = Math.max(c.longestWaitMs, fact.waitMs);
      if (fact.thresholdMs !== null) {
        if (fact.waitMs <= fact.thresholdMs) c.abandonedWithinThreshold += 1;
        else c.abandonedAfterThreshold += 1;
      }
      return;
    case 'responseMeasured':
      if (fact.response === 'first') {
        c.firstResponses += 1;
        c.firstResponseMsSum += fact.ms;
        observe(c, 'firstResponseHistogram', fact.ms);
        if (fact.withinTarget !== null) c.firstResponsesWithTarget += 1;
        if (fact.withinTarget === true) c.firstResponsesWithinTarget += 1;
      } else {
        c.nextResponses += 1;
        c.nextResponseMsSum += fact.ms;
        observe(c, 'nextResponseHistogram', fact.ms);
        if (fact.withinTarget !== null) c.nextResponsesWithTarget += 1;
        if (fact.withinTarget === true) c.nextResponsesWithinTarget += 1;
      }
      return;
    case 'contactHandled':
      c.handled += 1;
      c.handleMsSum += fact.handleMs;
      return;
    case 'csatScored':
      c.csatResponses += 1;
      c.csatScoreSum += fact.score;
      if (fact.score >= 4) c.csatSatisfied += 1;
      return;
    case 'waitEstimateScored': {
      const error = fact.estimatedMs - fact.actualMs;
      c.estimates += 1;
      c.estimateErrorMsSum += error;
      c.estimateAbsErrorMsSum += Math.abs(error);
      if (Math.abs(error) <= ESTIMATE_TOLERANCE_MS) c.estimatesWithin30s += 1;
      return;
    }
  }
}

/** Copy on first write: a row's histogram is the shared empty one until it observes something. */
function observe(c: RollupCounters, column: HistogramColumn, ms: number): void {
  // Only rollUp writes these rows, and it replaces the shared array before writing, so the cast is safe.
  const own = c[column] === EMPTY_HISTOGRAM ? emptyHistogram() : (c[column] as number[]);
  recordInHistogram(own, ms);
  c[column] = own;
}

function rollSpan(
  fact: AgentSpanFact,
  clock: BucketClock,
  intervals: readonly MetricInterval[],
  countersAt: (key: RollupKey) => RollupCounters,
): void {
  const column = fact.kind === 'agentEngagedSpan' ? 'engagedMs' : STATUS_COLUMN[fact.status];
  if (column === null) return;
  const end = fact.start + fact.ms;
  for (const interval of intervals) {
    for (let from = fact.start; from < end;) {
      const bucketStart = clock.startOf(interval, from);
      const next = clock.nextStart(interval, from);
      const piece = Math.min(next, end) - from;
      const base = { tenantId: fact.tenantId, interval, bucketStart };
      countersAt({ ...base, dimension: 'tenant', dimensionId: fact.tenantId })[column] += piece;
      countersAt({ ...base, dimension: 'agent', dimensionId: fact.agentId })[column] += piece;
      from = next;
    }
  }
}

function rollDepthSpan(
  fact: QueueDepthSpanFact,
  clock: BucketClock,
  intervals: readonly MetricInterval[],
  countersAt: (key: RollupKey) => RollupCounters,
): void {
  // The tenant total is its own span (the maximum of a sum is not the sum of the queues' maxima).
  const dimension: MetricDimension = fact.queueId === null ? 'tenant' : 'queue';
  const dimensionId = fact.queueId ?? fact.tenantId;
  for (const interval of intervals) {
    for (const piece of splitDepthSpan(fact, clock, interval)) {
      const c = countersAt({
        tenantId: fact.tenantId,
        dimension,
        dimensionId,
        interval,
        bucketStart: piece.bucketStart,
      });
      c.depthMsSum += piece.depthMs;
      c.maxDepth = Math.max(c.maxDepth, piece.maxDepth);
    }
  }
}
