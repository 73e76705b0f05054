// Renames or re-describes a team.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type UpdateTeamBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { TEAM_CONSTRAINT_FIELDS, toTeamDetailView, WITH_MEMBERS, type TeamDetailView } from './team.view';

@Injectable()
export class UpdateTeam {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateTeamBody): Promise<TeamDetailView> {
    const where = { id, tenantId: principal.tenantId };
    return this.audit.write(principal, async (tx) => {
      const before = await tx.team.findFirst({ where, include: WITH_MEMBERS });
      if (!before) throw new DomainError(ErrorCode.NotFound, `Team ${id} not found`);
      const team = await tx.team
        .update({ where, data: { name: body.name, description: body.description }, include: WITH_MEMBERS })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
        });
      return { result: toTeamDetailView(team), change: changeOf('team', 'updated', before, team) };
    });
  }
}
