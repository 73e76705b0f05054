// Public surface of the metrics library: pure, incremental contact-centre metrics (service level, ASA,
// response times, handle time, abandonment, occupancy, CSAT) and wait estimates, computed from events.
export type {
  AgentEngagedSpanFact,
  AgentSpanFact,
  AgentStateSpanFact,
  ContactAbandonedFact,
  ContactAnsweredFact,
  ContactFact,
  ContactHandledFact,
  ContactQueuedFact,
  CsatScoredFact,
  MetricFact,
  MetricFactKind,
  QueueDepthSpanFact,
  ResponseMeasuredFact,
  WaitEstimateScoredFact,
} from './facts/metric-fact.model';
export {
  HISTOGRAM_BUCKETS,
  HISTOGRAM_MAX_MS,
  HISTOGRAM_RELATIVE_ERROR,
  HISTOGRAM_SUBSECOND_ERROR_MS,
  addHistograms,
  emptyHistogram,
  histogramBucketOf,
  histogramBucketValue,
  histogramCount,
  histogramQuantile,
} from './histogram/log-histogram.util';
export type { Histogram } from './histogram/log-histogram.util';
export { METRIC_INTERVALS, bucketClock } from './rollup/bucket-clock.util';
export type { BucketClock, MetricInterval } from './rollup/bucket-clock.util';
export {
  HISTOGRAM_COLUMNS,
  MAX_COLUMNS,
  METRIC_DIMENSIONS,
  SUM_COLUMNS,
  emptyCounters,
  mergeCounters,
  mergeRollups,
  mergeRows,
  rollupColumnOf,
  rollupKeyId,
} from './rollup/rollup-row.model';
export type {
  HistogramColumn,
  MaxColumn,
  MetricDimension,
  RollupCounters,
  RollupKey,
  RollupRow,
  SumColumn,
} from './rollup/rollup-row.model';
export { ESTIMATE_TOLERANCE_MS, rollUp } from './rollup/roll-up.util';
export { regroupInZone } from './rollup/zone-regroup.util';
export type { RollUpOptions } from './rollup/roll-up.util';
export { summarize, summarizeCounters } from './summary/summarize.util';
export type { SummarizeOptions } from './summary/summarize.util';
export { splitDepthSpan } from './depth/depth-split.util';
export type { DepthPiece, DepthSpan } from './depth/depth-split.util';
export { createQueueDepthTracker } from './depth/queue-depth.tracker';
export type { QueueDepth, QueueDepthTracker } from './depth/queue-depth.tracker';
export type { Metrics, ResponseTimeMetrics } from './summary/metrics.model';
export { liveSnapshot } from './live/live-snapshot.util';
export type {
  LiveAgent,
  LiveQueueMetrics,
  LiveSnapshot,
  LiveSnapshotInput,
  WaitingContact,
} from './live/live-snapshot.util';
export { estimateWait } from './estimate/wait-estimator.util';
export type { WaitEstimate, WaitEstimateBasis, WaitEstimateInput } from './estimate/wait-estimator.util';
export { DEFAULT_EWMA_WEIGHT, observeHandleTime } from './estimate/handle-time-ewma.util';
export type { HandleTimeEwma } from './estimate/handle-time-ewma.util';
export { accuracyReport, scoreWaitEstimate } from './estimate/accuracy-report.util';
export type { StoredWaitEstimate, WaitEstimateAccuracy } from './estimate/accuracy-report.util';
export { createEventFactTracker } from './derive/event-facts.tracker';
export type {
  EventFactTracker,
  EventFactTrackerOptions,
  TrackedAgent,
  TrackedConversation,
  TrackerRestore,
} from './derive/event-facts.tracker';
export { MetricsError, MetricsErrorCode } from './metrics.error';
export { createDayTally } from './live/day-tally.util';
export type { DayTally, QueueDayFigures } from './live/day-tally.util';
