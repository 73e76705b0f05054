// Answers "does this tenant exist" and "which queues does it have" from a small cache, so validating each
// record does not cost a database round trip. Only hits are cached: a tenant or queue created a moment ago
// must never be refused because an earlier miss was remembered.
import type { InboxFacts } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';

export interface InboxDefaults extends InboxFacts {
  /** The default queue's name, or null without one. */
  defaultQueue: string | null;
}

const TTL_MS = 30_000;

export class TenantDirectory {
  private readonly known = new Map<string, number>();
  private readonly queues = new Map<string, { ids: Map<string, string>; at: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  async exists(tenantId: string): Promise<boolean> {
    const at = this.known.get(tenantId);
    if (at !== undefined && this.now() - at < TTL_MS) return true;
    const exists = (await this.prisma.tenant.count({ where: { id: tenantId } })) > 0;
    if (exists) this.known.set(tenantId, this.now());
    else this.known.delete(tenantId);
    return exists;
  }

  /** Queue name -> id for the tenant, re-read when a name is missing so new queues are usable at once. */
  async queueIds(tenantId: string, needed: Iterable<string> = []): Promise<Map<string, string>> {
    const cached = this.queues.get(tenantId);
    const fresh = cached && this.now() - cached.at < TTL_MS;
    if (fresh && [...needed].every((name) => cached.ids.has(name))) return cached.ids;
    const rows = await this.prisma.queue.findMany({ where: { tenantId }, select: { id: true, name: true } });
    const ids = new Map(rows.map((q) => [q.name, q.id]));
    this.queues.set(tenantId, { ids, at: this.now() });
    return ids;
  }

  /**
   * The tenant's inboxes among `ids`, with their default queue's name. Not cached: only records naming an
   * inbox ask, once per batch, and an inbox switched off must refuse input at once.
   */
  async inboxes(tenantId: string, ids: readonly string[]): Promise<Map<string, InboxDefaults>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.inbox.findMany({
      where: { tenantId, id: { in: [...new Set(ids)] } },
      select: { id: true, channel: true, active: true, defaultQueue: { select: { name: true } } },
    });
    return new Map(
      rows.map((r) => [
        r.id,
        { channel: r.channel, active: r.active, defaultQueue: r.defaultQueue?.name ?? null },
      ]),
    );
  }

  /** Drops a tenant's cached queue names, after an admin created, renamed or deleted one of its queues. */
  forgetQueues(tenantId: string): void {
    this.queues.delete(tenantId);
  }
}
