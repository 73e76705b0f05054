// Lists a tenant's skill catalog, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { SkillListFilters } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toSkillView, type SkillView } from './skill.view';

export type ListSkillsQuery = PageQuery & SkillListFilters;

@Injectable()
export class ListSkills {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: ListSkillsQuery): Promise<Page<SkillView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.skill.findMany({
      where: {
        tenantId: principal.tenantId,
        ...(query.q ? { name: { contains: query.q, mode: 'insensitive' } } : {}),
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toSkillView);
  }
}
