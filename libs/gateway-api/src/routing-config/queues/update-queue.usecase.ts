// Changes a queue; the router re-reads it and re-evaluates the queue's waiting contacts at once, so a looser
// policy can unlock offers immediately.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { effectivePolicy, type UpdateQueueBody } from '@switchboard/contracts';
import type { Queue } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf, type AuditTx } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertNoSelfOverflow, overflowTargets } from '../shared/overflow.check';
import { assertOfTenant, notFound, refAt } from '../shared/tenant-refs.util';
import { QUEUE_CONSTRAINT_FIELDS } from './create-queue.usecase';
import { storedPolicy, toQueueView, type QueueView } from './queue.view';

@Injectable()
export class UpdateQueue {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateQueueBody): Promise<QueueView> {
    const { tenantId } = principal;
    const queue = await this.audit.write(principal, async (tx) => {
      const current = await tx.queue.findFirst({ where: { id, tenantId } });
      if (!current) throw notFound('Queue', id);
      await assertOfTenant(tx, tenantId, 'routing policy', refAt(body.routingPolicyId, 'routingPolicyId'));
      await assertOfTenant(tx, tenantId, 'SLA policy', refAt(body.slaPolicyId, 'slaPolicyId'));
      await assertOfTenant(tx, tenantId, 'queue', overflowTargets(body.policy, 'policy'));
      await this.assertEffectivePolicy(tx, tenantId, current, body);
      const updated = await tx.queue
        .update({
          where: { id, tenantId },
          data: {
            name: body.name,
            policy: body.policy,
            routingPolicyId: body.routingPolicyId,
            slaPolicyId: body.slaPolicyId,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Queue', QUEUE_CONSTRAINT_FIELDS);
        });
      return { result: updated, change: changeOf('queue', 'updated', current, updated) };
    });
    await this.notifier.notify(tenantId, 'queue', queue.id);
    return toQueueView(queue);
  }

  /** The policy the queue will route by after this change must not overflow into the queue itself. */
  private async assertEffectivePolicy(
    tx: AuditTx,
    tenantId: string,
    current: Queue,
    body: UpdateQueueBody,
  ): Promise<void> {
    const policyId = body.routingPolicyId === undefined ? current.routingPolicyId : body.routingPolicyId;
    const named = policyId
      ? await tx.routingPolicy.findFirst({
          where: { id: policyId, tenantId },
          select: { document: true },
        })
      : null;
    const inline = body.policy ?? storedPolicy(current.policy);
    // Blame the field the offending step comes from: an inline list replaces the named one whole.
    const pathOf =
      inline.relaxation !== undefined
        ? (i: number) => `policy.relaxation.${i}.queueId`
        : () => 'routingPolicyId';
    assertNoSelfOverflow(
      current.id,
      effectivePolicy(named ? storedPolicy(named.document) : null, inline),
      pathOf,
    );
  }
}
