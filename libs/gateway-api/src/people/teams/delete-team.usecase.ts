// Deletes a team and its memberships; the agents themselves are untouched.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { TEAM_CONSTRAINT_FIELDS, WITH_MEMBERS } from './team.view';

@Injectable()
export class DeleteTeam {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const where = { id, tenantId: principal.tenantId };
    await this.audit.write(principal, async (tx) => {
      const before = await tx.team.findFirst({ where, include: WITH_MEMBERS });
      if (!before) throw new DomainError(ErrorCode.NotFound, `Team ${id} not found`);
      await tx.team.delete({ where }).catch((error: unknown) => {
        throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
      });
      return { result: undefined, change: changeOf('team', 'deleted', before, null) };
    });
  }
}
