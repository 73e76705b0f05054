// Lists a tenant's agents, filtered and paged by id (ids are time-ordered, so pages are stable under inserts).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { AgentListFilters } from '@switchboard/contracts';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toAgentView, type AgentView } from './agent.view';

export type ListAgentsQuery = PageQuery & AgentListFilters;

@Injectable()
export class ListAgents {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: ListAgentsQuery): Promise<Page<AgentView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.agent.findMany({
      where: { ...agentFilter(principal.tenantId, query), ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toAgentView);
  }
}

export function agentFilter(tenantId: string, filters: AgentListFilters): Prisma.AgentWhereInput {
  return {
    tenantId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.active !== undefined ? { active: filters.active } : {}),
    // Proficiencies are 1..10, so "has the skill" is "its proficiency is at least 1".
    ...(filters.skill ? { skills: { path: [filters.skill], gte: 1 } } : {}),
    ...(filters.language ? { languages: { has: filters.language } } : {}),
    ...(filters.q
      ? {
          OR: [
            { displayName: { contains: filters.q, mode: 'insensitive' } },
            { email: { contains: filters.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
}
