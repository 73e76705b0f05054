// Lists a tenant's teams with their member counts, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { TeamListFilters } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toTeamView, type TeamView } from './team.view';

export type ListTeamsQuery = PageQuery & TeamListFilters;

@Injectable()
export class ListTeams {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: ListTeamsQuery): Promise<Page<TeamView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.team.findMany({
      where: {
        tenantId: principal.tenantId,
        ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      include: { _count: { select: { members: true } } },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row) => row.id,
      (row) => toTeamView(row, row._count.members),
    );
  }
}
