// Reads the metrics out of rollup rows: merge the buckets of one series (same tenant, dimension, id and
// interval) over any period, then divide. Definitions are in docs/metrics.md.
import { histogramQuantile } from '../histogram/log-histogram.util';
import { MetricsError, MetricsErrorCode } from '../metrics.error';
import {
  emptyCounters,
  mergeCounters,
  type RollupCounters,
  type RollupRow,
} from '../rollup/rollup-row.model';
import type { Metrics, ResponseTimeMetrics } from './metrics.model';

export interface SummarizeOptions {
  /**
   * The ms of the period the rows cover (a bucket's length, or the part of it already past): the
   * denominator of the average queue depth, which is null without it.
   */
  readonly coveredMs?: number;
}

/** The metrics of one series over the rows given (any set of its buckets). */
export function summarize(rows: readonly RollupRow[], options: SummarizeOptions = {}): Metrics {
  assertOneSeries(rows);
  return summarizeCounters(
    rows.reduce((sum, row) => mergeCounters(sum, row.counters), emptyCounters()),
    options,
  );
}

export function summarizeCounters(c: RollupCounters, options: SummarizeOptions = {}): Metrics {
  const slDenominator = c.answeredWithThreshold + c.abandonedAfterThreshold;
  const withThreshold = c.answeredWithThreshold + c.abandonedWithinThreshold + c.abandonedAfterThreshold;
  const staffedMs = c.availableMs + c.busyMs + c.wrapUpMs;
  return {
    queued: c.queued,
    answered: c.answered,
    abandoned: c.abandoned,
    serviceLevel: ratio(c.answeredWithinThreshold, slDenominator),
    serviceLevelVariants: {
      answeredOnly: ratio(c.answeredWithinThreshold, c.answeredWithThreshold),
      allAbandonsCounted: ratio(c.answeredWithinThreshold, withThreshold),
      shortAbandonsMet: ratio(c.answeredWithinThreshold + c.abandonedWithinThreshold, withThreshold),
    },
    asaMs: ratio(c.answeredWaitMsSum, c.answered),
    waitP50Ms: histogramQuantile(c.waitHistogram, 0.5),
    waitP90Ms: histogramQuantile(c.waitHistogram, 0.9),
    longestWaitMs: c.answered + c.abandoned > 0 ? c.longestWaitMs : null,
    abandonmentRate: ratio(c.abandoned, c.answered + c.abandoned),
    shortAbandons: c.abandonedWithinThreshold,
    firstResponse: responseTimes(
      c.firstResponses,
      c.firstResponseMsSum,
      c.firstResponseHistogram,
      c.firstResponsesWithTarget,
      c.firstResponsesWithinTarget,
    ),
    nextResponse: responseTimes(
      c.nextResponses,
      c.nextResponseMsSum,
      c.nextResponseHistogram,
      c.nextResponsesWithTarget,
      c.nextResponsesWithinTarget,
    ),
    handled: c.handled,
    ahtMs: ratio(c.handleMsSum, c.handled),
    staffedMs,
    engagedMs: c.engagedMs,
    occupancy: ratio(c.engagedMs, staffedMs),
    csat: {
      responses: c.csatResponses,
      satisfiedRate: ratio(c.csatSatisfied, c.csatResponses),
      averageScore: ratio(c.csatScoreSum, c.csatResponses),
    },
    queueDepth: {
      average: options.coveredMs === undefined ? null : ratio(c.depthMsSum, options.coveredMs),
      max: c.maxDepth,
      depthMsSum: c.depthMsSum,
    },
    waitEstimates: {
      scored: c.estimates,
      meanAbsoluteErrorMs: ratio(c.estimateAbsErrorMsSum, c.estimates),
      meanErrorMs: ratio(c.estimateErrorMsSum, c.estimates),
      within30sRate: ratio(c.estimatesWithin30s, c.estimates),
    },
  };
}

function responseTimes(
  count: number,
  msSum: number,
  histogram: readonly number[],
  withTarget: number,
  withinTarget: number,
): ResponseTimeMetrics {
  return {
    count,
    averageMs: ratio(msSum, count),
    p50Ms: histogramQuantile(histogram, 0.5),
    p90Ms: histogramQuantile(histogram, 0.9),
    withinTargetRate: ratio(withinTarget, withTarget),
  };
}

/** null rather than NaN or 0 when nothing was measured: "no contacts" is not "0 % answered in time". */
function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function assertOneSeries(rows: readonly RollupRow[]): void {
  const series = new Set(rows.map((r) => [r.tenantId, r.dimension, r.dimensionId, r.interval].join('|')));
  if (series.size > 1) {
    throw new MetricsError(
      MetricsErrorCode.IncompatibleRows,
      `summarize takes one series (tenant, dimension, id, interval); got ${[...series].join(', ')}`,
    );
  }
}
