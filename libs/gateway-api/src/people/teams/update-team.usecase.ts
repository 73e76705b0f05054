// Renames or re-describes a team.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UpdateTeamBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { TEAM_CONSTRAINT_FIELDS, toTeamDetailView, WITH_MEMBERS, type TeamDetailView } from './team.view';

@Injectable()
export class UpdateTeam {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateTeamBody): Promise<TeamDetailView> {
    const team = await this.prisma.team
      .update({
        where: { id, tenantId: principal.tenantId },
        data: { name: body.name, description: body.description },
        include: WITH_MEMBERS,
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
      });
    return toTeamDetailView(team);
  }
}
