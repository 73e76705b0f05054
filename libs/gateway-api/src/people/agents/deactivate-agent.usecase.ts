// Takes an agent out of routing for good. Agents are never deleted: offers and assignments keep pointing at them.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import { AGENT_CONSTRAINT_FIELDS } from './create-agent.usecase';
import { revokeAgentLogin } from './revoke-agent-login.util';

@Injectable()
export class DeactivateAgent {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    await this.prisma
      .$transaction(async (tx) => {
        await tx.agent.update({
          where: { id, tenantId: principal.tenantId },
          data: { active: false, status: 'offline' },
        });
        await revokeAgentLogin(tx, id);
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Agent', AGENT_CONSTRAINT_FIELDS);
      });
    await this.notifier.notify(principal.tenantId, 'agent', id);
  }
}
