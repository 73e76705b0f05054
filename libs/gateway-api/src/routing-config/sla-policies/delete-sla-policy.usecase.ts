// Deletes an SLA policy that no queue references: removing one in use would silently stop measuring a queue.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDeleteError } from '../shared/delete-error.util';
import { inUse, notFound } from '../shared/tenant-refs.util';

@Injectable()
export class DeleteSlaPolicy {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    await this.audit.write(principal, async (tx) => {
      const policy = await tx.slaPolicy.findFirst({ where: { id, tenantId } });
      if (!policy) throw notFound('SLA policy', id);
      const users = await tx.queue.findMany({
        where: { tenantId, slaPolicyId: id },
        select: { name: true },
        orderBy: { name: 'asc' },
      });
      if (users.length > 0) {
        const names = users.map((q) => q.name).join(', ');
        throw inUse(`SLA policy ${id} is used by queue(s) ${names}; detach them first`);
      }
      await tx.slaPolicy.delete({ where: { id, tenantId } }).catch((error: unknown) => {
        throw toDeleteError(error, 'SLA policy', `SLA policy ${id} is used by a queue`);
      });
      return { result: undefined, change: changeOf('sla-policy', 'deleted', policy, null) };
    });
  }
}
