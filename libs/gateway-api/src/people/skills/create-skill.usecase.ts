// Adds a skill to the tenant's catalog, so agents may hold it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateSkillBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { SKILL_CONSTRAINT_FIELDS, toSkillView, type SkillView } from './skill.view';

@Injectable()
export class CreateSkill {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, body: CreateSkillBody): Promise<SkillView> {
    return this.audit.write(principal, async (tx) => {
      const skill = await tx.skill
        .create({
          data: { tenantId: principal.tenantId, name: body.name, description: body.description ?? null },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Skill', SKILL_CONSTRAINT_FIELDS);
        });
      return { result: toSkillView(skill), change: changeOf('skill', 'created', null, skill) };
    });
  }
}
