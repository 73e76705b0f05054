// Changes a user's role, password or agent profile. Each of these ends the user's sessions in the same
// transaction: their tokens carry the old role and agent, and a new password must shut out old sign-ins.
import { Injectable } from '@nestjs/common';
import {
  hashPassword,
  revokeUserSessions,
  type SessionRevocationReason,
  type UserPrincipal,
} from '@switchboard/auth';
import { DomainError, ErrorCode, type UpdateUserBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import type { User } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertAgentsOfTenant } from '../shared/tenant-agents.util';
import { assertNotLastAdmin } from './last-admin.check';
import { toUserView, USER_CONSTRAINT_FIELDS, type UserView } from './user.view';

@Injectable()
export class UpdateUser {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateUserBody): Promise<UserView> {
    const { tenantId } = principal;
    // Hashing is slow on purpose; it happens before the transaction opens.
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
    return this.audit.write(principal, async (tx) => {
      const existing = await tx.user.findFirst({ where: { id, tenantId } });
      if (!existing) throw new DomainError(ErrorCode.NotFound, `User ${id} not found`);
      if (body.role && body.role !== 'admin') await assertNotLastAdmin(tx, existing);
      if (body.agentId) await assertAgentsOfTenant(tx, tenantId, [body.agentId], () => 'agentId');
      const revokeAs = revocationReason(existing, body);
      const user = await tx.user
        .update({
          where: { id, tenantId },
          data: { role: body.role, agentId: body.agentId, passwordHash },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'User', USER_CONSTRAINT_FIELDS);
        });
      if (revokeAs) await revokeUserSessions(tx, id, revokeAs);
      return { result: toUserView(user), change: changeOf('user', 'updated', existing, user) };
    });
  }
}

function revocationReason(existing: User, body: UpdateUserBody): SessionRevocationReason | null {
  if (body.password !== undefined) return 'credentials-changed';
  if (body.role !== undefined && body.role !== existing.role) return 'role-changed';
  if (body.agentId !== undefined && body.agentId !== existing.agentId) return 'agent-changed';
  return null;
}
