// Replaces a team's members in one transaction, so readers see the old list or the new one, never a mix.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type ReplaceTeamMembersBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertAgentsOfTenant } from '../shared/tenant-agents.util';
import { TEAM_CONSTRAINT_FIELDS, toTeamDetailView, WITH_MEMBERS, type TeamDetailView } from './team.view';

@Injectable()
export class ReplaceTeamMembers {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string, body: ReplaceTeamMembersBody): Promise<TeamDetailView> {
    const { tenantId } = principal;
    const exists = await this.prisma.team.count({ where: { id, tenantId } });
    if (exists === 0) throw new DomainError(ErrorCode.NotFound, `Team ${id} not found`);
    await assertAgentsOfTenant(this.prisma, tenantId, body.agentIds, (index) => `agentIds.${index}`);
    const team = await this.prisma
      .$transaction(async (tx) => {
        await tx.teamMember.deleteMany({ where: { teamId: id, tenantId } });
        await tx.teamMember.createMany({
          data: body.agentIds.map((agentId) => ({ tenantId, teamId: id, agentId })),
        });
        // Touches updatedAt, and fails (P2025) if the team was deleted meanwhile.
        return tx.team.update({
          where: { id, tenantId },
          data: { updatedAt: new Date() },
          include: WITH_MEMBERS,
        });
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
      });
    return toTeamDetailView(team);
  }
}
