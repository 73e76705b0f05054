// Creates an agent profile and tells the router, which can offer waiting work to them once they go available.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateAgentBody } from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertSkillsInCatalog } from '../skills/skill-catalog.check';
import { toAgentView, type AgentView } from './agent.view';

export const AGENT_CONSTRAINT_FIELDS = { email: 'email' };

@Injectable()
export class CreateAgent {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, body: CreateAgentBody): Promise<AgentView> {
    const agent = await this.audit.write(principal, async (tx) => {
      await assertSkillsInCatalog(tx, principal.tenantId, body.skills);
      const created = await tx.agent
        .create({
          data: {
            tenantId: principal.tenantId,
            displayName: body.displayName,
            email: body.email,
            skills: body.skills,
            languages: body.languages,
            capacity: body.capacity,
            maxUnits: body.maxUnits ?? null,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Agent', AGENT_CONSTRAINT_FIELDS);
        });
      return { result: created, change: changeOf('agent', 'created', null, created) };
    });
    await this.notifier.notify(principal.tenantId, 'agent', agent.id);
    return toAgentView(agent);
  }
}
