// Today's answered, abandoned, service level and ASA per queue, kept in the router's memory by folding in the
// rollup rows each batch writes anyway, so a wallboard refresh costs no query. Days are the tenant's days: the
// tally adds the quarter-hour rows inside the tenant's local day, as the reports compose local days, because
// stored hour and day rows follow the router's rollup zone (UTC), not each tenant's.
import {
  mergeCounters,
  emptyCounters,
  type RollupCounters,
  type RollupRow,
} from '../rollup/rollup-row.model';
import { bucketClock, type BucketClock } from '../rollup/bucket-clock.util';
import { summarizeCounters } from '../summary/summarize.util';

export interface QueueDayFigures {
  readonly answered: number;
  readonly abandoned: number;
  /** As the reports define it (docs/metrics.md); null before anything with a threshold ended today. */
  readonly serviceLevel: number | null;
  readonly asaMs: number | null;
}

export interface DayTally {
  /** Replaces the tally with stored quarter-hour rows (tenant and queue dimensions of the local day of `now`). */
  restore(rows: readonly RollupRow[], now: number): void;
  /** Folds in a committed batch's rollup rows; rows of other intervals, dimensions or days are ignored. */
  add(rows: readonly RollupRow[], now: number): void;
  /**
   * A queue's figures today. The default queue (null) has no rollup rows of its own: it is what the tenant
   * row holds beyond the named queues, as every counter used here adds up.
   */
  figuresOf(queueId: string | null, now: number): QueueDayFigures;
}

export function createDayTally(timeZone: string): DayTally {
  const clock: BucketClock = bucketClock(timeZone);
  let day = Number.NaN;
  let dayEnd = Number.NaN;
  let tenant = emptyCounters();
  const queues = new Map<string, RollupCounters>();

  const rollOver = (now: number): void => {
    const start = clock.startOf('1d', now);
    if (start === day) return;
    day = start;
    dayEnd = clock.nextStart('1d', start);
    tenant = emptyCounters();
    queues.clear();
  };
  const fold = (rows: readonly RollupRow[]): void => {
    for (const row of rows) {
      if (row.interval !== '15m' || row.bucketStart < day || row.bucketStart >= dayEnd) continue;
      if (row.dimension === 'tenant') tenant = mergeCounters(tenant, row.counters);
      else if (row.dimension === 'queue') {
        queues.set(
          row.dimensionId,
          mergeCounters(queues.get(row.dimensionId) ?? emptyCounters(), row.counters),
        );
      }
    }
  };

  return {
    restore(rows, now) {
      day = Number.NaN;
      rollOver(now);
      fold(rows);
    },
    add(rows, now) {
      rollOver(now);
      fold(rows);
    },
    figuresOf(queueId, now) {
      rollOver(now);
      const counters = queueId === null ? remainder(tenant, queues.values()) : queues.get(queueId);
      const m = summarizeCounters(counters ?? emptyCounters());
      return { answered: m.answered, abandoned: m.abandoned, serviceLevel: m.serviceLevel, asaMs: m.asaMs };
    },
  };
}

const FIGURE_COLUMNS = [
  'answered',
  'answeredWaitMsSum',
  'answeredWithThreshold',
  'answeredWithinThreshold',
  'abandoned',
  'abandonedWithinThreshold',
  'abandonedAfterThreshold',
] as const;

function remainder(total: RollupCounters, parts: Iterable<RollupCounters>): RollupCounters {
  const rest = { ...emptyCounters() };
  for (const column of FIGURE_COLUMNS) rest[column] = total[column];
  for (const part of parts) for (const column of FIGURE_COLUMNS) rest[column] -= part[column];
  // A queue deleted mid-day keeps its rows; never let rounding or such history go below zero.
  for (const column of FIGURE_COLUMNS) rest[column] = Math.max(0, rest[column]);
  return rest;
}
