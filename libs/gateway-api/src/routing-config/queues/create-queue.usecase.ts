// Creates a queue and tells the router, so contacts addressed to it route by its policy from the next record on.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateQueueBody } from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { overflowTargets } from '../shared/overflow.check';
import { assertOfTenant, refAt } from '../shared/tenant-refs.util';
import { toQueueView, type QueueView } from './queue.view';

/** Database column -> API field for the constraints a queue write may hit. */
export const QUEUE_CONSTRAINT_FIELDS = {
  name: 'name',
  routing_policy_id: 'routingPolicyId',
  sla_policy_id: 'slaPolicyId',
};

@Injectable()
export class CreateQueue {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, body: CreateQueueBody): Promise<QueueView> {
    const { tenantId } = principal;
    const queue = await this.audit.write(principal, async (tx) => {
      await assertOfTenant(tx, tenantId, 'routing policy', refAt(body.routingPolicyId, 'routingPolicyId'));
      await assertOfTenant(tx, tenantId, 'SLA policy', refAt(body.slaPolicyId, 'slaPolicyId'));
      // A new queue has no id yet, so nothing can overflow into it: only the targets need checking.
      await assertOfTenant(tx, tenantId, 'queue', overflowTargets(body.policy, 'policy'));
      const created = await tx.queue
        .create({
          data: {
            tenantId,
            name: body.name,
            policy: body.policy ?? {},
            routingPolicyId: body.routingPolicyId ?? null,
            slaPolicyId: body.slaPolicyId ?? null,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Queue', QUEUE_CONSTRAINT_FIELDS);
        });
      return { result: created, change: changeOf('queue', 'created', null, created) };
    });
    await this.notifier.notify(tenantId, 'queue', queue.id);
    return toQueueView(queue);
  }
}
