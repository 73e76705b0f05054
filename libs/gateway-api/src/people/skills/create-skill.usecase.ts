// Adds a skill to the tenant's catalog, so agents may hold it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateSkillBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { SKILL_CONSTRAINT_FIELDS, toSkillView, type SkillView } from './skill.view';

@Injectable()
export class CreateSkill {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, body: CreateSkillBody): Promise<SkillView> {
    const skill = await this.prisma.skill
      .create({
        data: { tenantId: principal.tenantId, name: body.name, description: body.description ?? null },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Skill', SKILL_CONSTRAINT_FIELDS);
      });
    return toSkillView(skill);
  }
}
