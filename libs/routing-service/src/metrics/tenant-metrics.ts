// One tenant's metric memory in the router: the event tracker, the SLA outcomes a response has not been
// measured for yet, the queues' waiting depths and the last quarter hour flushed. It turns a batch's stamped
// events and the depths after it into rollup rows.
import type { Channel, RoutingEventV1 } from '@switchboard/contracts';
import {
  bucketClock,
  type BucketClock,
  createEventFactTracker,
  createQueueDepthTracker,
  MetricsError,
  type QueueDepth,
  type QueueDepthTracker,
  rollUp,
  type EventFactTracker,
  type MetricFact,
  type ResponseMeasuredFact,
  type RollupRow,
  type TrackerRestore,
} from '@switchboard/metrics';
import type { SlaCatalog } from '../intake/sla-catalog';

export interface TenantMetricsOptions {
  readonly tenantId: string;
  /** Service-level threshold of a queue's contacts (ms), or null to leave them out of the service level. */
  readonly thresholdMsOf: (queueId: string | null, channel: Channel) => number | null;
  /** IANA zone of the tenant's day buckets. */
  readonly timeZone: string;
  /** Told about facts left out because the library refused them (say, a negative wait after clock skew). */
  readonly onRefused?: (refused: readonly MetricFact[], error: MetricsError) => void;
}

/**
 * Stored rollups' zone. Hour and day rows are UTC buckets; reports and the live day tally compose a tenant's
 * local hours and days from the quarter-hour rows, which every real zone offset aligns with.
 */
export const METRICS_TIME_ZONE = 'UTC';

/**
 * The service-level threshold is the queue's first-response SLA target for the channel (standard tier,
 * priority 0): "answered within target". Queues without a policy or target stay out of the service level.
 */
export function serviceLevelThreshold(
  sla: Pick<SlaCatalog, 'effective'>,
): (queueId: string | null, channel: Channel) => number | null {
  return (queueId, channel) =>
    sla.effective({ queueId, channel, tier: 'standard', priority: 0 }).targets.firstResponse;
}

type ResponseTarget = 'firstResponse' | 'nextResponse';

const TARGET_OF: Readonly<Record<ResponseMeasuredFact['response'], ResponseTarget>> = {
  first: 'firstResponse',
  next: 'nextResponse',
};

export class TenantMetrics {
  private readonly tracker: EventFactTracker;
  private readonly depths: QueueDepthTracker;
  private readonly clock: BucketClock;
  /** Response runs whose SLA already breached, by `conversation|target`: the reply that follows missed it. */
  private readonly breached = new Set<string>();
  private flushedQuarter: number;

  constructor(
    private readonly options: TenantMetricsOptions,
    restore: TrackerRestore,
    /** Each queue's contacts waiting in the rebuilt routing memory: a takeover starts a new depth period. */
    depths: readonly QueueDepth[] = [],
  ) {
    this.tracker = createEventFactTracker(options);
    this.tracker.restore(restore);
    this.depths = createQueueDepthTracker(options.tenantId);
    this.depths.restore(restore.at, depths);
    this.clock = bucketClock(options.timeZone);
    this.flushedQuarter = this.clock.startOf('15m', restore.at);
  }

  /**
   * The rollup rows of one committed batch: open agent spans are first closed at the quarter hour the batch
   * crossed (every event of a batch carries the batch's instant, so none is earlier than that boundary), then
   * each event's facts, with response facts judged by the SLA outcome of their run, then the extra facts, then
   * the depth spans of the queues whose waiting count the batch changed (`depths`: the counts after it).
   */
  rollUp(
    events: readonly RoutingEventV1[],
    now: number,
    /** Facts no event carries (CSAT answers, scored wait estimates): see WriteSet.metricFacts. */
    extra: readonly MetricFact[] = [],
    depths?: readonly QueueDepth[],
  ): RollupRow[] {
    const facts: MetricFact[] = [];
    const quarter = this.clock.startOf('15m', now);
    if (quarter > this.flushedQuarter) {
      facts.push(...this.tracker.flush(quarter), ...this.depths.flush(quarter));
      this.flushedQuarter = quarter;
    }
    facts.push(...this.factsOf(events), ...extra);
    if (depths !== undefined) facts.push(...this.depths.observe(now, depths));
    return facts.length === 0 ? [] : this.rollUpValid(facts);
  }

  /**
   * Metrics must never fail the batch they ride on: a refused chunk (rollUp takes all or nothing) is rolled
   * up again without the facts that fail on their own. Rare, so the per-fact retry costs nothing in practice.
   */
  private rollUpValid(facts: readonly MetricFact[]): RollupRow[] {
    const options = { timeZone: this.options.timeZone };
    try {
      return rollUp(facts, options);
    } catch (error) {
      if (!(error instanceof MetricsError)) throw error;
      const valid = facts.filter((fact) => {
        try {
          rollUp([fact], options);
          return true;
        } catch {
          return false;
        }
      });
      this.options.onRefused?.(
        facts.filter((fact) => !valid.includes(fact)),
        error,
      );
      return rollUp(valid, options);
    }
  }

  private factsOf(events: readonly RoutingEventV1[]): MetricFact[] {
    const facts: MetricFact[] = [];
    const responses: Array<{ index: number; key: string }> = [];
    // A reply and the `sla.met` it causes share a batch, in either order: outcomes are read once all are seen.
    const met = new Map<string, boolean>();
    for (const event of events) {
      if (event.type === 'sla.met' || event.type === 'sla.breached') {
        if (event.target !== 'resolution') {
          const key = `${event.conversationId}|${event.target}`;
          if (event.type === 'sla.met') met.set(key, event.withinTarget);
          else this.breached.add(key);
        }
      }
      for (const fact of this.tracker.apply(event)) {
        if (fact.kind === 'responseMeasured' && event.type === 'reply.created') {
          responses.push({ index: facts.length, key: `${event.conversationId}|${TARGET_OF[fact.response]}` });
        }
        facts.push(fact);
      }
      if (event.type === 'conversation.resolved' || event.type === 'conversation.abandoned')
        this.forget(event.conversationId);
    }
    for (const { index, key } of responses) {
      const fact = facts[index] as ResponseMeasuredFact;
      const withinTarget = met.get(key) ?? (this.breached.has(key) ? false : null);
      this.breached.delete(key);
      facts[index] = { ...fact, withinTarget };
    }
    return facts;
  }

  private forget(conversationId: string): void {
    this.breached.delete(`${conversationId}|firstResponse`);
    this.breached.delete(`${conversationId}|nextResponse`);
  }
}
