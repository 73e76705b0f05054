// Changes an agent's profile; the router re-reads it, so new skills or capacity can unlock waiting work at once.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type UpdateAgentBody } from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertSkillsInCatalog } from '../skills/skill-catalog.check';
import { toAgentView, type AgentView } from './agent.view';
import { AGENT_CONSTRAINT_FIELDS } from './create-agent.usecase';
import { revokeAgentLogin } from './revoke-agent-login.util';

@Injectable()
export class UpdateAgent {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateAgentBody): Promise<AgentView> {
    // The tenant is part of the match, so another tenant's id is not found.
    const where = { id, tenantId: principal.tenantId };
    const agent = await this.audit.write(principal, async (tx) => {
      const before = await tx.agent.findFirst({ where });
      if (!before) throw new DomainError(ErrorCode.NotFound, 'Agent not found');
      if (body.skills) await assertSkillsInCatalog(tx, principal.tenantId, body.skills);
      const after = await tx.agent
        .update({
          where,
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
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Agent', AGENT_CONSTRAINT_FIELDS);
        });
      if (body.active === false) await revokeAgentLogin(tx, id);
      return { result: after, change: changeOf('agent', 'updated', before, after) };
    });
    await this.notifier.notify(principal.tenantId, 'agent', agent.id);
    return toAgentView(agent);
  }
}
