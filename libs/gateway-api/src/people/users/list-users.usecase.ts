// Lists a tenant's console users, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UserListFilters } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toUserView, type UserView } from './user.view';

export type ListUsersQuery = PageQuery & UserListFilters;

@Injectable()
export class ListUsers {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: ListUsersQuery): Promise<Page<UserView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.user.findMany({
      where: {
        tenantId: principal.tenantId,
        ...(query.role ? { role: query.role } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toUserView);
  }
}
