// What each report shows of the metrics: the SLA report keeps the service level and response times, the
// metrics report everything. Also the CSV column of each figure, in one place for both reports.
import type { Metrics, ResponseTimeMetrics } from '@switchboard/metrics';

export interface SlaFigures {
  readonly answered: number;
  readonly abandoned: number;
  readonly serviceLevel: number | null;
  readonly serviceLevelVariants: Metrics['serviceLevelVariants'];
  readonly asaMs: number | null;
  readonly longestWaitMs: number | null;
  readonly firstResponse: ResponseTimeMetrics;
  readonly nextResponse: ResponseTimeMetrics;
}

export function slaFigures(m: Metrics): SlaFigures {
  return {
    answered: m.answered,
    abandoned: m.abandoned,
    serviceLevel: m.serviceLevel,
    serviceLevelVariants: m.serviceLevelVariants,
    asaMs: m.asaMs,
    longestWaitMs: m.longestWaitMs,
    firstResponse: m.firstResponse,
    nextResponse: m.nextResponse,
  };
}

export type CsvColumn<T> = readonly [header: string, value: (figures: T) => number | null];

const responseColumns = <T>(prefix: string, of: (figures: T) => ResponseTimeMetrics): CsvColumn<T>[] => [
  [`${prefix}_count`, (f) => of(f).count],
  [`${prefix}_avg_ms`, (f) => of(f).averageMs],
  [`${prefix}_p50_ms`, (f) => of(f).p50Ms],
  [`${prefix}_p90_ms`, (f) => of(f).p90Ms],
  [`${prefix}_within_target_rate`, (f) => of(f).withinTargetRate],
];

export const SLA_CSV_COLUMNS: readonly CsvColumn<SlaFigures>[] = [
  ['answered', (f) => f.answered],
  ['abandoned', (f) => f.abandoned],
  ['service_level', (f) => f.serviceLevel],
  ['asa_ms', (f) => f.asaMs],
  ['longest_wait_ms', (f) => f.longestWaitMs],
  ...responseColumns<SlaFigures>('first_response', (f) => f.firstResponse),
  ...responseColumns<SlaFigures>('next_response', (f) => f.nextResponse),
];

export const METRICS_CSV_COLUMNS: readonly CsvColumn<Metrics>[] = [
  ['queued', (m) => m.queued],
  ['answered', (m) => m.answered],
  ['abandoned', (m) => m.abandoned],
  ['service_level', (m) => m.serviceLevel],
  ['asa_ms', (m) => m.asaMs],
  ['wait_p50_ms', (m) => m.waitP50Ms],
  ['wait_p90_ms', (m) => m.waitP90Ms],
  ['longest_wait_ms', (m) => m.longestWaitMs],
  ['abandonment_rate', (m) => m.abandonmentRate],
  ['short_abandons', (m) => m.shortAbandons],
  ...responseColumns<Metrics>('first_response', (m) => m.firstResponse),
  ...responseColumns<Metrics>('next_response', (m) => m.nextResponse),
  ['handled', (m) => m.handled],
  ['aht_ms', (m) => m.ahtMs],
  ['staffed_ms', (m) => m.staffedMs],
  ['engaged_ms', (m) => m.engagedMs],
  ['occupancy', (m) => m.occupancy],
  ['csat_responses', (m) => m.csat.responses],
  ['csat_satisfied_rate', (m) => m.csat.satisfiedRate],
  ['csat_average_score', (m) => m.csat.averageScore],
  ['queue_depth_avg', (m) => m.queueDepth.average],
  ['queue_depth_max', (m) => m.queueDepth.max],
];
