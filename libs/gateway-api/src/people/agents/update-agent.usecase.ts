// Changes an agent's profile; the router re-reads it, so new skills or capacity can unlock waiting work at once.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UpdateAgentBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertSkillsInCatalog } from '../skills/skill-catalog.check';
import { toAgentView, type AgentView } from './agent.view';
import { AGENT_CONSTRAINT_FIELDS } from './create-agent.usecase';
import { revokeAgentLogin } from './revoke-agent-login.util';

@Injectable()
export class UpdateAgent {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateAgentBody): Promise<AgentView> {
    if (body.skills) await assertSkillsInCatalog(this.prisma, principal.tenantId, body.skills);
    const agent = await this.prisma
      .$transaction(async (tx) => {
        const updated = await tx.agent.update({
          // The tenant is part of the match, so another tenant's id is not found.
          where: { id, tenantId: principal.tenantId },
          data: {
            displayName: body.displayName,
            email: body.email,
            skills: body.skills,
            languages: body.languages,
            capacity: body.capacity,
            maxUnits: body.maxUnits,
            active: body.active,
            // A deactivated agent must not stay routable; they go available again themselves once reactivated.
            ...(body.active === false ? { status: 'offline' as const } : {}),
          },
        });
        if (body.active === false) await revokeAgentLogin(tx, id);
        return updated;
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Agent', AGENT_CONSTRAINT_FIELDS);
      });
    await this.notifier.notify(principal.tenantId, 'agent', agent.id);
    return toAgentView(agent);
  }
}
