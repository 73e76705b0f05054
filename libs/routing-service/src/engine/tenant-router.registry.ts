// Keeps the state of every tenant this process owns: the routing core, the intake memory, the SLA catalog,
// the ownership epoch and the event log's position. Taking a tenant over bumps its epoch first, then
// rebuilds everything from Postgres, so what the previous owner committed is all there.
import type { PrismaClient, SqlTransactor } from '@switchboard/persistence';
import type { RoutingDecision } from '@switchboard/routing-core';
import { stamped, type TenantEventLog } from '../events/event-outbox';
import { loadIntakeState } from '../intake/intake-lookups';
import type { DayTally } from '@switchboard/metrics';
import { loadDayTally, loadMetricsRestore } from '../metrics/tenant-metrics.loader';
import { METRICS_TIME_ZONE, serviceLevelThreshold, TenantMetrics } from '../metrics/tenant-metrics';
import type { TenantIntakeState } from '../intake/intake-state';
import { SlaCatalog } from '../intake/sla-catalog';
import { loadTenantSettings, type TenantSettingsMemory } from './tenant-settings.loader';
import { loadSlaClocks } from '../sla/sla-clock.loader';
import type { SlaClockBook } from '../sla/sla-clock.book';
import { acquireTenant, eventsAfter } from '../ownership/tenant-ownership';
import type { TenantStateLoader } from './tenant-state.loader';
import { TenantRouter } from './tenant-router';
import { queueDepthsOf } from '../metrics/queue-depths.mapper';

export interface TenantContext {
  tenantId: string;
  epoch: number;
  router: TenantRouter;
  intake: TenantIntakeState;
  sla: SlaCatalog;
  /** SLA clocks of the tenant's open conversations. */
  clocks: SlaClockBook;
  log: TenantEventLog;
  /** Turns committed events into metric rollups; rebuilt with the tenant. */
  metrics: TenantMetrics;
  /** The tenant's own settings (auto-acknowledgement and survey channels); re-read when an admin changes them. */
  settings: TenantSettingsMemory;
  /** Today's figures per queue for the live queue stats, advanced by each committed batch's rollups. */
  today: DayTally;
}

export interface RegistryDeps {
  sql: SqlTransactor;
  prisma: PrismaClient;
  loader: TenantStateLoader;
  now: () => number;
  /** REOPEN_WINDOW_MINUTES: conversations resolved this recently are kept in memory, so they can reopen. */
  reopenWindowMs: number;
  /** Names this router in tenant_owners, for operators. */
  owner: string;
}

export class TenantRouterRegistry {
  private readonly tenants = new Map<string, TenantContext>();
  onRestoreRefused?: (tenantId: string, problems: string[]) => void;
  /** Facts the metrics library refused (left out of the rollups, never failing the batch). */
  onMetricsRefused?: (tenantId: string, count: number, reason: string) => void;
  /** Called when a tenant's memory is dropped, so its timers go with it. */
  onDropped?: (tenantId: string) => void;

  constructor(private readonly deps: RegistryDeps) {}

  /**
   * Returns the tenant's context, taking the tenant over if this process does not hold it yet. `restored` are
   * decisions the rebuild made (e.g. offers for contacts that were waiting); the caller persists them.
   */
  async acquire(
    tenantId: string,
  ): Promise<{ ctx: TenantContext; restored: RoutingDecision[]; takenOver: boolean }> {
    const existing = this.tenants.get(tenantId);
    if (existing) return { ctx: existing, restored: [], takenOver: false };
    const { sql, prisma, loader, now, owner, reopenWindowMs } = this.deps;
    const ownership = await acquireTenant(sql, tenantId, owner);
    const sla = new SlaCatalog(prisma, tenantId, now);
    const at = now();
    const [commands, intake, clocks, unpublished, , metricsRestore, settings] = await Promise.all([
      loader.restoreCommands(tenantId),
      loadIntakeState(sql, tenantId, { windowMs: reopenWindowMs, now: now() }),
      loadSlaClocks(sql, tenantId),
      eventsAfter(sql, tenantId, ownership.publishedSeq),
      sla.refreshIfStale(),
      loadMetricsRestore(sql, tenantId, at),
      loadTenantSettings(prisma, tenantId),
    ]);
    // The live day is the tenant's own, so its zone must be known before today's rows are read.
    const today = await loadDayTally(sql, tenantId, settings.timeZone, at);
    const router = new TenantRouter(tenantId, now);
    const { decisions, refused } = router.apply(commands);
    if (refused.length > 0) {
      // A refused restore means stored state the core finds inconsistent; routing the rest beats routing nothing.
      this.onRestoreRefused?.(
        tenantId,
        refused.map((e) => `${e.code}: ${e.message}`),
      );
    }
    const ctx: TenantContext = {
      tenantId,
      epoch: ownership.epoch,
      router,
      intake,
      sla,
      clocks,
      log: {
        lastSeq: ownership.lastSeq,
        publishedSeq: ownership.publishedSeq,
        pending: unpublished.map(stamped),
        attempts: 0,
      },
      metrics: new TenantMetrics(
        {
          tenantId,
          thresholdMsOf: serviceLevelThreshold(sla),
          timeZone: METRICS_TIME_ZONE,
          onRefused: (facts, error) => this.onMetricsRefused?.(tenantId, facts.length, error.message),
        },
        metricsRestore,
        queueDepthsOf(router.listLoad().queues),
      ),
      today,
      settings,
    };
    this.tenants.set(tenantId, ctx);
    return { ctx, restored: decisions, takenOver: true };
  }

  get(tenantId: string): TenantContext | undefined {
    return this.tenants.get(tenantId);
  }

  /** Forgets a tenant so its next use takes it over again and rebuilds (after a failure or a rebalance). */
  drop(tenantId: string): void {
    this.onDropped?.(tenantId);
    const ctx = this.tenants.get(tenantId);
    ctx?.router.dispose();
    if (ctx) clearTimeout(ctx.log.retry);
    this.tenants.delete(tenantId);
  }

  /**
   * Stores how far each held tenant's events are published (normally this rides on the next commit), so a
   * clean stop leaves the next owner nothing to republish.
   */
  async saveWatermarks(): Promise<void> {
    const held = [...this.tenants.values()];
    if (held.length === 0) return;
    await this.deps.sql.query(
      `UPDATE tenant_owners o SET published_seq = GREATEST(o.published_seq, v.published)
         FROM unnest($1::text[], $2::int8[], $3::int8[]) AS v(tenant, epoch, published)
        WHERE o.tenant_id = v.tenant AND o.epoch = v.epoch`,
      [held.map((c) => c.tenantId), held.map((c) => c.epoch), held.map((c) => c.log.publishedSeq)],
    );
  }

  dropAll(): void {
    for (const tenantId of [...this.tenants.keys()]) this.drop(tenantId);
  }

  tenantIds(): string[] {
    return [...this.tenants.keys()];
  }
}
