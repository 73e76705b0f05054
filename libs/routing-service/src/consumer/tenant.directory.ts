// Answers "does this tenant exist" and "which queues does it have" from a small cache, so validating each
// record does not cost a database round trip.
import type { PrismaClient } from '@switchboard/persistence';

const TTL_MS = 30_000;

export class TenantDirectory {
  private readonly known = new Map<string, { exists: boolean; at: number }>();
  private readonly queues = new Map<string, { ids: Map<string, string>; at: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  async exists(tenantId: string): Promise<boolean> {
    const cached = this.known.get(tenantId);
    if (cached && this.now() - cached.at < TTL_MS) return cached.exists;
    const exists = (await this.prisma.tenant.count({ where: { id: tenantId } })) > 0;
    this.known.set(tenantId, { exists, at: this.now() });
    return exists;
  }

  /** Queue name -> id for the tenant. */
  async queueIds(tenantId: string): Promise<Map<string, string>> {
    const cached = this.queues.get(tenantId);
    if (cached && this.now() - cached.at < TTL_MS) return cached.ids;
    const rows = await this.prisma.queue.findMany({ where: { tenantId }, select: { id: true, name: true } });
    const ids = new Map(rows.map((q) => [q.name, q.id]));
    this.queues.set(tenantId, { ids, at: this.now() });
    return ids;
  }
}
