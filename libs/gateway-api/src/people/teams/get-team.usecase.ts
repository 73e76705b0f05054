// One team with its member agent ids.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toTeamDetailView, WITH_MEMBERS, type TeamDetailView } from './team.view';

@Injectable()
export class GetTeam {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<TeamDetailView> {
    const team = await this.prisma.team.findFirst({
      where: { id, tenantId: principal.tenantId },
      include: WITH_MEMBERS,
    });
    if (!team) throw new DomainError(ErrorCode.NotFound, `Team ${id} not found`);
    return toTeamDetailView(team);
  }
}
