// Takes an agent out of routing for good. Agents are never deleted: offers and assignments keep pointing at them.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { AGENT_CONSTRAINT_FIELDS } from './create-agent.usecase';
import { revokeAgentLogin } from './revoke-agent-login.util';

@Injectable()
export class DeactivateAgent {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const where = { id, tenantId: principal.tenantId };
    await this.audit.write(principal, async (tx) => {
      const before = await tx.agent.findFirst({ where });
      if (!before) throw new DomainError(ErrorCode.NotFound, 'Agent not found');
      const after = await tx.agent
        .update({ where, data: { active: false, status: 'offline' } })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Agent', AGENT_CONSTRAINT_FIELDS);
        });
      await revokeAgentLogin(tx, id);
      return { result: undefined, change: changeOf('agent', 'deactivated', before, after) };
    });
    await this.notifier.notify(principal.tenantId, 'agent', id);
  }
}
