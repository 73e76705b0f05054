// Publishes each held tenant's live queue stats on the ephemeral queue-stats topic: after a batch changed them
// (at most one record per tenant per interval, later changes coalesced) and on a slow refresh, so the longest
// wait keeps growing on wallboards between events. Records are built in the tenant's lane from memory only.
import type { QueueStatsV1 } from '@switchboard/contracts';
import type { Bus } from '@switchboard/messaging';
import type { Logger } from 'pino';

export interface QueueStatsPublisherDeps {
  bus: Pick<Bus, 'publish' | 'ensureTopics'>;
  topic: string;
  partitions: number;
  intervalMs: number;
  refreshMs: number;
  now: () => number;
  logger: Logger;
  /** The tenant's record as of now; undefined when this router no longer holds the tenant. */
  snapshot: (tenantId: string) => QueueStatsV1 | undefined;
  /** Tenants this router holds, for the refresh. */
  tenants: () => readonly string[];
  /** Runs work in the tenant's lane, so a record never sees a batch half applied. */
  inLane: (tenantId: string, work: () => Promise<void>) => Promise<void>;
}

/** Long enough for a consumer hiccup; a record is superseded within seconds anyway. */
export const QUEUE_STATS_RETENTION_MS = 60_000;
/** Records waiting for the broker; beyond it a record is dropped (the next one supersedes it). */
const MAX_IN_FLIGHT = 200;

export class QueueStatsPublisher {
  private readonly lastAt = new Map<string, number>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private refresh?: NodeJS.Timeout;
  private inFlight = 0;

  constructor(private readonly deps: QueueStatsPublisherDeps) {}

  async start(): Promise<void> {
    const { bus, topic, partitions, refreshMs } = this.deps;
    await bus.ensureTopics([topic], partitions, { retentionMs: QUEUE_STATS_RETENTION_MS });
    this.refresh = setInterval(() => this.refreshAll(), refreshMs);
    this.refresh.unref();
  }

  stop(): void {
    clearInterval(this.refresh);
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  /** Call from the tenant's lane once a batch committed: publishes now, or once the interval has passed. */
  changed(tenantId: string): void {
    if (this.pending.has(tenantId)) return;
    const wait = (this.lastAt.get(tenantId) ?? -Infinity) + this.deps.intervalMs - this.deps.now();
    if (wait <= 0) {
      this.publish(tenantId);
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(tenantId);
      this.inLane(tenantId, () => this.publish(tenantId));
    }, wait);
    timer.unref();
    this.pending.set(tenantId, timer);
  }

  /** The tenant left this router: its next owner publishes from now on. */
  forget(tenantId: string): void {
    clearTimeout(this.pending.get(tenantId));
    this.pending.delete(tenantId);
    this.lastAt.delete(tenantId);
  }

  private refreshAll(): void {
    for (const tenantId of this.deps.tenants()) this.inLane(tenantId, () => this.changed(tenantId));
  }

  private inLane(tenantId: string, work: () => void): void {
    this.deps
      .inLane(tenantId, () => {
        work();
        return Promise.resolve();
      })
      .catch((error: unknown) => this.deps.logger.warn({ err: error, tenantId }, 'queue stats not built'));
  }

  private publish(tenantId: string): void {
    const record = this.deps.snapshot(tenantId);
    if (record === undefined) return;
    this.lastAt.set(tenantId, this.deps.now());
    if (this.inFlight >= MAX_IN_FLIGHT) {
      this.deps.logger.debug({ tenantId }, 'queue stats dropped: the broker is behind');
      return;
    }
    this.inFlight += 1;
    this.deps.bus
      .publish(this.deps.topic, [{ key: tenantId, value: JSON.stringify(record) }])
      .catch((error: unknown) =>
        this.deps.logger.debug({ err: error, tenantId }, 'queue stats not published'),
      )
      .finally(() => (this.inFlight -= 1));
  }
}
