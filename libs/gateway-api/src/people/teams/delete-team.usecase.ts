// Deletes a team and its memberships; the agents themselves are untouched.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { TEAM_CONSTRAINT_FIELDS } from './team.view';

@Injectable()
export class DeleteTeam {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    await this.prisma.team.delete({ where: { id, tenantId: principal.tenantId } }).catch((error: unknown) => {
      throw toDomainError(error, 'Team', TEAM_CONSTRAINT_FIELDS);
    });
  }
}
