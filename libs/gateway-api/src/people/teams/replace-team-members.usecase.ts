// Replaces a team's members in one transaction, so readers see the old list or the new one, never a mix.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type ReplaceTeamMembersBody } from '@switchboard/contracts';
import { AuditTrail, changeOf, type AuditTx } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertAgentsOfTenant } from '../shared/tenant-agents.util';
import { TEAM_CONSTRAINT_FIELDS, toTeamDetailView, WITH_MEMBERS, type TeamDetailView } from './team.view';

@Injectable()
export class ReplaceTeamMembers {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string, body: ReplaceTeamMembersBody): Promise<TeamDetailView> {
    const { tenantId } = principal;
    return this.audit.write(principal, async (tx) => {
      const before = await tx.team.findFirst({ where: { id, tenantId }, include: WITH_MEMBERS });
      if (!before) throw new DomainError(ErrorCode.NotFound, `Team ${id} not found`);
      await assertAgentsOfTenant(tx, tenantId, body.agentIds, (index) => `agentIds.${index}`);
      const team = await this.replace(tx, tenantId, id, body.agentIds).catch((error: unknown) => {
        throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
      });
      return { result: toTeamDetailView(team), change: changeOf('team', 'updated', before, team) };
    });
  }

  private async replace(tx: AuditTx, tenantId: string, id: string, agentIds: string[]) {
    await tx.teamMember.deleteMany({ where: { teamId: id, tenantId } });
    await tx.teamMember.createMany({ data: agentIds.map((agentId) => ({ tenantId, teamId: id, agentId })) });
    // Touches updatedAt, and fails (P2025) if the team was deleted meanwhile.
    return tx.team.update({
      where: { id, tenantId },
      data: { updatedAt: new Date() },
      include: WITH_MEMBERS,
    });
  }
}
