// Turns the waiting counts the router holds after each batch into queue-depth spans: a queue's depth is held
// from the batch that set it until the batch that changes it, so an idle stretch is written by the next batch.
import type { QueueDepthSpanFact } from '../facts/metric-fact.model';

export interface QueueDepth {
  /** A named queue; null for the implicit default queue (it has no rows of its own, only the tenant total). */
  readonly queueId: string | null;
  readonly waiting: number;
}

export interface QueueDepthTracker {
  /** Starts a new period at `at` with these depths (the takeover): nothing before it is known. */
  restore(at: number, depths: readonly QueueDepth[]): void;
  /**
   * The depths after a batch at `now`: closes the span of every queue (and of the tenant total) whose depth
   * changed, and marks the new depth's bucket so its maximum shows before the span closes.
   */
  observe(now: number, depths: readonly QueueDepth[]): QueueDepthSpanFact[];
  /** Closes and reopens every non-empty span at `at` (a quarter-hour boundary), so reports see idle periods. */
  flush(at: number): QueueDepthSpanFact[];
}

interface Held {
  depth: number;
  since: number;
}

/** The tenant total's key: queue ids are never empty, so '' cannot collide with one. */
const TOTAL = '';

export function createQueueDepthTracker(tenantId: string): QueueDepthTracker {
  const held = new Map<string, Held>();

  const fact = (key: string, start: number, ms: number, depth: number): QueueDepthSpanFact => ({
    kind: 'queueDepthSpan',
    tenantId,
    queueId: key === TOTAL ? null : key,
    start,
    ms,
    depth,
  });

  const countsOf = (depths: readonly QueueDepth[]): Map<string, number> => {
    const counts = new Map<string, number>([[TOTAL, 0]]);
    for (const { queueId, waiting } of depths) {
      counts.set(TOTAL, (counts.get(TOTAL) ?? 0) + waiting);
      if (queueId !== null) counts.set(queueId, (counts.get(queueId) ?? 0) + waiting);
    }
    return counts;
  };

  return {
    restore(at, depths) {
      held.clear();
      for (const [key, depth] of countsOf(depths)) held.set(key, { depth, since: at });
    },
    observe(now, depths) {
      const counts = countsOf(depths);
      // A queue that vanished from the core (removed) is empty now.
      for (const key of held.keys()) if (!counts.has(key)) counts.set(key, 0);
      const facts: QueueDepthSpanFact[] = [];
      for (const [key, depth] of counts) {
        const previous = held.get(key);
        if (previous !== undefined && previous.depth === depth) continue;
        if (previous !== undefined && previous.depth > 0 && now > previous.since) {
          facts.push(fact(key, previous.since, now - previous.since, previous.depth));
        }
        if (depth > 0) facts.push(fact(key, now, 0, depth));
        if (depth > 0 || key === TOTAL) held.set(key, { depth, since: now });
        else held.delete(key);
      }
      return facts;
    },
    flush(at) {
      const facts: QueueDepthSpanFact[] = [];
      for (const [key, h] of held) {
        if (h.depth > 0 && at > h.since) {
          facts.push(fact(key, h.since, at - h.since, h.depth));
          h.since = at;
        }
      }
      return facts;
    },
  };
}
