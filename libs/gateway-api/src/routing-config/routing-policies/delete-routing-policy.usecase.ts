// Deletes a named routing policy that no queue references: deleting one in use would silently change how a
// live queue routes.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDeleteError } from '../shared/delete-error.util';
import { inUse, notFound } from '../shared/tenant-refs.util';

@Injectable()
export class DeleteRoutingPolicy {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    await this.audit.write(principal, async (tx) => {
      const policy = await tx.routingPolicy.findFirst({ where: { id, tenantId } });
      if (!policy) throw notFound('Routing policy', id);
      const users = await tx.queue.findMany({
        where: { tenantId, routingPolicyId: id },
        select: { name: true },
        orderBy: { name: 'asc' },
      });
      if (users.length > 0) {
        const names = users.map((q) => q.name).join(', ');
        throw inUse(`Routing policy ${id} is used by queue(s) ${names}; detach them first`);
      }
      await tx.routingPolicy.delete({ where: { id, tenantId } }).catch((error: unknown) => {
        // The foreign key (Restrict) still guards a queue attached since the check above.
        throw toDeleteError(error, 'Routing policy', `Routing policy ${id} is used by a queue`);
      });
      return { result: undefined, change: changeOf('routing-policy', 'deleted', policy, null) };
    });
    await this.notifier.notify(tenantId, 'routing-policy', id);
  }
}
