// Edits a catalog skill. Renaming is refused while agents hold it (see skill-usage.check).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type UpdateSkillBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertSkillUnused } from './skill-usage.check';
import { SKILL_CONSTRAINT_FIELDS, toSkillView, type SkillView } from './skill.view';

@Injectable()
export class UpdateSkill {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateSkillBody): Promise<SkillView> {
    const where = { id, tenantId: principal.tenantId };
    return this.audit.write(principal, async (tx) => {
      const existing = await tx.skill.findFirst({ where });
      if (!existing) throw new DomainError(ErrorCode.NotFound, `Skill ${id} not found`);
      if (body.name !== undefined && body.name !== existing.name) {
        await assertSkillUnused(tx, existing, 'renamed');
      }
      const skill = await tx.skill
        .update({ where, data: { name: body.name, description: body.description } })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Skill', SKILL_CONSTRAINT_FIELDS);
        });
      return { result: toSkillView(skill), change: changeOf('skill', 'updated', existing, skill) };
    });
  }
}
