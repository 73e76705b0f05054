// Creates a console login. The password is hashed with argon2 before it reaches the database.
import { Injectable } from '@nestjs/common';
import { hashPassword, type UserPrincipal } from '@switchboard/auth';
import type { CreateUserBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertAgentsOfTenant } from '../shared/tenant-agents.util';
import { toUserView, USER_CONSTRAINT_FIELDS, type UserView } from './user.view';

@Injectable()
export class CreateUser {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, body: CreateUserBody): Promise<UserView> {
    const { tenantId } = principal;
    // Hashing is slow on purpose; it happens before the transaction opens.
    const passwordHash = await hashPassword(body.password);
    return this.audit.write(principal, async (tx) => {
      if (body.agentId) await assertAgentsOfTenant(tx, tenantId, [body.agentId], () => 'agentId');
      const user = await tx.user
        .create({
          data: { tenantId, email: body.email, role: body.role, agentId: body.agentId ?? null, passwordHash },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'User', USER_CONSTRAINT_FIELDS);
        });
      return { result: toUserView(user), change: changeOf('user', 'created', null, user) };
    });
  }
}
