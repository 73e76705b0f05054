// Where interval buckets start: 15-minute and hourly buckets on the UTC grid, days at the tenant's local
// midnight (so "a day" is the tenant's day, 23 or 25 hours long across DST).
import { SlaError, zoneClock, type ZoneClock } from '@switchboard/sla';
import { MetricsError, MetricsErrorCode } from '../metrics.error';

export const METRIC_INTERVALS = ['15m', '1h', '1d'] as const;
export type MetricInterval = (typeof METRIC_INTERVALS)[number];

const FIXED_MS = { '15m': 900_000, '1h': 3_600_000 } as const;
const DAY_MS = 86_400_000;

/** Bucket starts for one tenant time zone; build once per tenant and reuse. */
export interface BucketClock {
  readonly timeZone: string;
  /** The start of the bucket of `interval` that contains `at`. */
  startOf(interval: MetricInterval, at: number): number;
  /** The start of the bucket after the one starting at (or containing) `at`. */
  nextStart(interval: MetricInterval, at: number): number;
}

export function bucketClock(timeZone: string): BucketClock {
  const zone = clockOf(timeZone);
  // Each day costs a few Intl calls; a chunk's facts cluster in one or two days, so the last one is kept.
  let day = { start: 0, next: 0 };
  const dayOf = (at: number): { start: number; next: number } => {
    if (at >= day.start && at < day.next) return day;
    const wall = Math.floor(zone.wallAt(at) / DAY_MS) * DAY_MS;
    day = { start: zone.instantOf(wall), next: zone.instantOf(wall + DAY_MS) };
    return day;
  };
  const startOf = (interval: MetricInterval, at: number): number => {
    if (interval === '1d') return dayOf(at).start;
    const size = FIXED_MS[interval];
    return Math.floor(at / size) * size;
  };
  const nextStart = (interval: MetricInterval, at: number): number => {
    if (interval === '1d') return dayOf(at).next;
    return startOf(interval, at) + FIXED_MS[interval];
  };
  return { timeZone, startOf, nextStart };
}

function clockOf(timeZone: string): ZoneClock {
  try {
    return zoneClock(timeZone);
  } catch (error) {
    if (error instanceof SlaError) {
      throw new MetricsError(MetricsErrorCode.InvalidTimeZone, `unknown time zone "${timeZone}"`);
    }
    throw error;
  }
}
