// Removes a skill from the catalog, refused (409) while any agent still holds it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertSkillUnused } from './skill-usage.check';
import { SKILL_CONSTRAINT_FIELDS } from './skill.view';

@Injectable()
export class DeleteSkill {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const where = { id, tenantId: principal.tenantId };
    const existing = await this.prisma.skill.findFirst({ where });
    if (!existing) throw new DomainError(ErrorCode.NotFound, `Skill ${id} not found`);
    await assertSkillUnused(this.prisma, existing, 'deleted');
    await this.prisma.skill.delete({ where }).catch((error: unknown) => {
      throw toDomainError(error, 'Skill', SKILL_CONSTRAINT_FIELDS);
    });
  }
}
