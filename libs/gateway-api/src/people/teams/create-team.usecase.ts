// Creates an empty team; members are set with PUT /v1/teams/:id/members.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateTeamBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { TEAM_CONSTRAINT_FIELDS, toTeamDetailView, type TeamDetailView } from './team.view';

@Injectable()
export class CreateTeam {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, body: CreateTeamBody): Promise<TeamDetailView> {
    const team = await this.prisma.team
      .create({
        data: { tenantId: principal.tenantId, name: body.name, description: body.description ?? null },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
      });
    return toTeamDetailView({ ...team, members: [] });
  }
}
