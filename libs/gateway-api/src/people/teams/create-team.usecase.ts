// Creates an empty team; members are set with PUT /v1/teams/:id/members.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateTeamBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { TEAM_CONSTRAINT_FIELDS, toTeamDetailView, type TeamDetailView } from './team.view';

@Injectable()
export class CreateTeam {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, body: CreateTeamBody): Promise<TeamDetailView> {
    return this.audit.write(principal, async (tx) => {
      const team = await tx.team
        .create({
          data: { tenantId: principal.tenantId, name: body.name, description: body.description ?? null },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
        });
      const created = { ...team, members: [] };
      return { result: toTeamDetailView(created), change: changeOf('team', 'created', null, created) };
    });
  }
}
