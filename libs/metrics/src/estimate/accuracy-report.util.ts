// Wait-estimate accuracy: a stored prediction is scored when its contact is answered, the score rolls up
// like any fact, and the report reads mean absolute error and the share within ±30 s per queue.
import type { Channel } from '@switchboard/contracts';
import type { WaitEstimateScoredFact } from '../facts/metric-fact.model';
import { MetricsError, MetricsErrorCode } from '../metrics.error';
import {
  emptyCounters,
  mergeCounters,
  type RollupCounters,
  type RollupRow,
} from '../rollup/rollup-row.model';

/** The prediction as stored on arrival; only contacts that got a number are stored. */
export interface StoredWaitEstimate {
  readonly tenantId: string;
  readonly queueId: string | null;
  readonly channel: Channel;
  readonly queuedAt: number;
  readonly estimatedMs: number;
}

export interface WaitEstimateAccuracy {
  readonly queueId: string;
  readonly scored: number;
  readonly meanAbsoluteErrorMs: number;
  /** Positive when estimates run long. */
  readonly meanErrorMs: number;
  readonly within30sRate: number;
}

/** The fact for a prediction whose contact was answered at `answeredAt`; its actual wait is the time queued. */
export function scoreWaitEstimate(estimate: StoredWaitEstimate, answeredAt: number): WaitEstimateScoredFact {
  return {
    kind: 'waitEstimateScored',
    tenantId: estimate.tenantId,
    at: answeredAt,
    queueId: estimate.queueId,
    channel: estimate.channel,
    estimatedMs: estimate.estimatedMs,
    actualMs: Math.max(0, answeredAt - estimate.queuedAt),
  };
}

/** Accuracy per queue over the queue rows given (one interval, any buckets); queues with no score are left out. */
export function accuracyReport(rows: readonly RollupRow[]): WaitEstimateAccuracy[] {
  const intervals = new Set(rows.map((row) => row.interval));
  if (intervals.size > 1) {
    throw new MetricsError(MetricsErrorCode.IncompatibleRows, 'accuracyReport takes rows of one interval');
  }
  const byQueue = new Map<string, RollupCounters>();
  for (const row of rows) {
    if (row.dimension !== 'queue') continue;
    byQueue.set(
      row.dimensionId,
      mergeCounters(byQueue.get(row.dimensionId) ?? emptyCounters(), row.counters),
    );
  }
  return [...byQueue.entries()]
    .filter(([, c]) => c.estimates > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([queueId, c]) => ({
      queueId,
      scored: c.estimates,
      meanAbsoluteErrorMs: c.estimateAbsErrorMsSum / c.estimates,
      meanErrorMs: c.estimateErrorMsSum / c.estimates,
      within30sRate: c.estimatesWithin30s / c.estimates,
    }));
}
