// Keeps the TenantRouter of every tenant this process currently owns, loading each from Postgres on first use.
import type { RoutingDecision } from '@switchboard/routing-core';
import type { TenantStateLoader } from './tenant-state.loader';
import { TenantRouter } from './tenant-router';

export class TenantRouterRegistry {
  private readonly routers = new Map<string, TenantRouter>();

  constructor(
    private readonly loader: TenantStateLoader,
    private readonly now: () => number,
  ) {}

  /**
   * Returns the tenant's router, rebuilding it from the database if this process does not hold it yet.
   * `restored` are decisions the rebuild made (e.g. offers for contacts that were waiting); the caller persists them.
   */
  async acquire(tenantId: string): Promise<{ router: TenantRouter; restored: RoutingDecision[] }> {
    const existing = this.routers.get(tenantId);
    if (existing) return { router: existing, restored: [] };
    const router = new TenantRouter(tenantId, this.now);
    const { decisions, refused } = router.apply(await this.loader.restoreCommands(tenantId));
    if (refused.length > 0) {
      // A refused restore means stored state the core finds inconsistent; routing the rest beats routing nothing.
      this.onRestoreRefused?.(
        tenantId,
        refused.map((e) => `${e.code}: ${e.message}`),
      );
    }
    this.routers.set(tenantId, router);
    return { router, restored: decisions };
  }

  onRestoreRefused?: (tenantId: string, problems: string[]) => void;

  get(tenantId: string): TenantRouter | undefined {
    return this.routers.get(tenantId);
  }

  /** Forgets a tenant so its next use rebuilds from the database (after a failure or a rebalance). */
  drop(tenantId: string): void {
    this.routers.get(tenantId)?.dispose();
    this.routers.delete(tenantId);
  }

  dropAll(): void {
    for (const tenantId of [...this.routers.keys()]) this.drop(tenantId);
  }

  tenants(): string[] {
    return [...this.routers.keys()];
  }
}
