// Removes a skill from the catalog, refused (409) while any agent still holds it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertSkillUnused } from './skill-usage.check';
import { SKILL_CONSTRAINT_FIELDS } from './skill.view';

@Injectable()
export class DeleteSkill {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const where = { id, tenantId: principal.tenantId };
    await this.audit.write(principal, async (tx) => {
      const existing = await tx.skill.findFirst({ where });
      if (!existing) throw new DomainError(ErrorCode.NotFound, `Skill ${id} not found`);
      await assertSkillUnused(tx, existing, 'deleted');
      await tx.skill.delete({ where }).catch((error: unknown) => {
        throw toDomainError(error, 'Skill', SKILL_CONSTRAINT_FIELDS);
      });
      return { result: undefined, change: changeOf('skill', 'deleted', existing, null) };
    });
  }
}
