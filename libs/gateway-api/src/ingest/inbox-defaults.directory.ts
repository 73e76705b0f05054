// What ingest needs to know about a record's inbox: that it is the tenant's, active and on the record's
// channel, and the name of its default queue. Read per request: an inbox switched off takes effect at once.
import { Injectable } from '@nestjs/common';
import type { InboxFacts } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';

export interface InboxDefaults extends InboxFacts {
  /** The default queue's name (what a record's `queue` holds), or null without one. */
  defaultQueue: string | null;
}

@Injectable()
export class InboxDefaultsDirectory {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async find(tenantId: string, inboxId: string): Promise<InboxDefaults | undefined> {
    const inbox = await this.prisma.inbox.findFirst({
      where: { id: inboxId, tenantId },
      select: { channel: true, active: true, defaultQueue: { select: { name: true } } },
    });
    if (!inbox) return undefined;
    return { channel: inbox.channel, active: inbox.active, defaultQueue: inbox.defaultQueue?.name ?? null };
  }
}
