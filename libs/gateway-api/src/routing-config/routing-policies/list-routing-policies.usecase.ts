// Lists a tenant's named routing policies, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toRoutingPolicyView, type RoutingPolicyView } from './routing-policy.view';

@Injectable()
export class ListRoutingPolicies {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: PageQuery): Promise<Page<RoutingPolicyView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.routingPolicy.findMany({
      where: { tenantId: principal.tenantId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toRoutingPolicyView);
  }
}
