// Removes a console login. The agent profile it worked as stays, with its history. Its sessions go with it
// (the foreign key cascades in the same statement), so its tokens die within AUTH_SESSION_CACHE_MS.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertNotLastAdmin } from './last-admin.check';
import { USER_CONSTRAINT_FIELDS } from './user.view';

@Injectable()
export class DeleteUser {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    await this.audit.write(principal, async (tx) => {
      const existing = await tx.user.findFirst({ where: { id, tenantId: principal.tenantId } });
      if (!existing) throw new DomainError(ErrorCode.NotFound, `User ${id} not found`);
      await assertNotLastAdmin(tx, existing);
      await tx.user.delete({ where: { id, tenantId: principal.tenantId } }).catch((error: unknown) => {
        throw toDomainError(error, 'User', USER_CONSTRAINT_FIELDS);
      });
      return { result: undefined, change: changeOf('user', 'deleted', existing, null) };
    });
  }
}
