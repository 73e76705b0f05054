// Lists a tenant's queues, paged by id (ids are time-ordered, so pages are stable under inserts).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toQueueView, type QueueView } from './queue.view';

@Injectable()
export class ListQueues {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: PageQuery): Promise<Page<QueueView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.queue.findMany({
      where: { tenantId: principal.tenantId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toQueueView);
  }
}
