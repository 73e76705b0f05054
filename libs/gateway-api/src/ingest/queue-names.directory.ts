// Answers "does this tenant have a queue of this name" for ingest from a small cache, so naming a queue does
// not cost a database round trip per message. Only hits are cached: a queue created a moment ago is usable at once.
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

/** A deleted or renamed queue may still be accepted this long; the router then dead-letters its records. */
const TTL_MS = 30_000;

@Injectable()
export class QueueNamesDirectory {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async has(tenantId: string, name: string): Promise<boolean> {
    const at = this.seen.get(tenantId)?.get(name);
    if (at !== undefined && Date.now() - at < TTL_MS) return true;
    const exists = (await this.prisma.queue.count({ where: { tenantId, name } })) > 0;
    const names = this.seen.get(tenantId) ?? new Map<string, number>();
    if (exists) names.set(name, Date.now());
    else names.delete(name);
    if (names.size > 0) this.seen.set(tenantId, names);
    else this.seen.delete(tenantId);
    return exists;
  }
}
