// Revokes a key: it stays listed for audit, and the next request made with it is refused.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';

@Injectable()
export class RevokeApiKey {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string, now = new Date()): Promise<void> {
    const where = { id, tenantId: principal.tenantId };
    await this.audit.write(principal, async (tx) => {
      const before = await tx.apiKey.findFirst({ where });
      if (!before) throw new DomainError(ErrorCode.NotFound, `API key ${id} not found`);
      // Revoking twice is harmless and keeps the first revocation time (the guard holds under a race too); it
      // changes nothing, so it records nothing.
      const { count } = await tx.apiKey.updateMany({
        where: { ...where, revokedAt: null },
        data: { revokedAt: now },
      });
      if (count === 0) return { result: undefined, change: null };
      const after = await tx.apiKey.findFirstOrThrow({ where });
      return { result: undefined, change: changeOf('api-key', 'revoked', before, after) };
    });
  }
}
