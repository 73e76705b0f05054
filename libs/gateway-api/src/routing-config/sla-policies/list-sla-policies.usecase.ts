// Lists a tenant's SLA policies, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toSlaPolicyView, type SlaPolicyView } from './sla-policy.view';

@Injectable()
export class ListSlaPolicies {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: PageQuery): Promise<Page<SlaPolicyView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.slaPolicy.findMany({
      where: { tenantId: principal.tenantId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toSlaPolicyView);
  }
}
