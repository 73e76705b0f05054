// Splits a queue-depth span across the buckets of one interval: the time-weighted depth (contacts × ms) of
// each bucket it overlaps, exactly, and the depth held there for the bucket's maximum.
import type { BucketClock, MetricInterval } from '../rollup/bucket-clock.util';

export interface DepthSpan {
  /** [start, start + ms) */
  readonly start: number;
  readonly ms: number;
  /** Contacts waiting throughout the span. */
  readonly depth: number;
}

export interface DepthPiece {
  readonly bucketStart: number;
  /** The part of the span inside this bucket. */
  readonly from: number;
  readonly to: number;
  /** depth × (to − from): additive, so buckets and periods sum it. */
  readonly depthMs: number;
  /** The depth held in the bucket; merged with GREATEST, never added. */
  readonly maxDepth: number;
}

/**
 * The pieces of `span` in each `interval` bucket it overlaps, in time order. A zero-length span is one piece
 * in the bucket containing its start, with no weight: the depth was reached there, if only for an instant.
 */
export function splitDepthSpan(span: DepthSpan, clock: BucketClock, interval: MetricInterval): DepthPiece[] {
  const end = span.start + span.ms;
  if (span.ms === 0) {
    const bucketStart = clock.startOf(interval, span.start);
    return [{ bucketStart, from: span.start, to: span.start, depthMs: 0, maxDepth: span.depth }];
  }
  const pieces: DepthPiece[] = [];
  for (let from = span.start; from < end;) {
    const bucketStart = clock.startOf(interval, from);
    const to = Math.min(clock.nextStart(interval, from), end);
    pieces.push({ bucketStart, from, to, depthMs: span.depth * (to - from), maxDepth: span.depth });
    from = to;
  }
  return pieces;
}
