// Deletes a queue that holds no open work and that nothing overflows into; the router then drops it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf, type AuditTx } from '../../audit/audit-trail.service';
import { toDeleteError } from '../shared/delete-error.util';
import { overflowTargets } from '../shared/overflow.check';
import { storedOverflowQueueIds } from '../sla-policies/sla-policy-refs.util';
import { inUse, notFound } from '../shared/tenant-refs.util';
import { storedPolicy } from './queue.view';

@Injectable()
export class DeleteQueue {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    await this.audit.write(principal, async (tx) => {
      const queue = await tx.queue.findFirst({ where: { id, tenantId } });
      if (!queue) throw notFound('Queue', id);
      // Deleting would silently move open conversations to the default queue, away from the skills they need.
      const open = await tx.conversation.count({
        where: { tenantId, queueId: id, status: { not: 'resolved' } },
      });
      if (open > 0) {
        throw inUse(`Queue ${id} still has ${open} open conversation(s); resolve or move them first`);
      }
      await this.assertNotAnOverflowTarget(tx, tenantId, id);
      await tx.queue.delete({ where: { id, tenantId } }).catch((error: unknown) => {
        throw toDeleteError(error, 'Queue', `Queue ${id} is still referenced`);
      });
      return { result: undefined, change: changeOf('queue', 'deleted', queue, null) };
    });
    await this.notifier.notify(tenantId, 'queue', id);
  }

  /** Overflow targets live in JSON, with no foreign key to stop a dangling reference. */
  private async assertNotAnOverflowTarget(tx: AuditTx, tenantId: string, id: string): Promise<void> {
    const queues = await tx.queue.findMany({ where: { tenantId }, select: { name: true, policy: true } });
    const policies = await tx.routingPolicy.findMany({
      where: { tenantId },
      select: { name: true, document: true },
    });
    const slaPolicies = await tx.slaPolicy.findMany({
      where: { tenantId },
      select: { name: true, onWarning: true, onBreach: true },
    });
    const overflowsHere = (document: unknown): boolean =>
      overflowTargets(storedPolicy(document), '').some((target) => target.id === id);
    const referrers = [
      ...queues.filter((q) => overflowsHere(q.policy)).map((q) => `queue ${q.name}`),
      ...policies.filter((p) => overflowsHere(p.document)).map((p) => `routing policy ${p.name}`),
      ...slaPolicies.filter((p) => storedOverflowQueueIds(p).includes(id)).map((p) => `SLA policy ${p.name}`),
    ];
    if (referrers.length > 0) {
      throw inUse(`Queue ${id} is an overflow target of ${referrers.join(', ')}; change those first`);
    }
  }
}
