// Changes a named routing policy. A new document bumps the version and makes the router re-read every queue, so
// the change applies to waiting contacts at once.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  effectivePolicy,
  type QueuePolicyDocument,
  type UpdateRoutingPolicyBody,
} from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf, type AuditTx } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { storedPolicy } from '../queues/queue.view';
import { assertNoSelfOverflow, overflowTargets } from '../shared/overflow.check';
import { assertOfTenant, notFound } from '../shared/tenant-refs.util';
import {
  ROUTING_POLICY_CONSTRAINT_FIELDS,
  toRoutingPolicyView,
  type RoutingPolicyView,
} from './routing-policy.view';

@Injectable()
export class UpdateRoutingPolicy {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(
    principal: UserPrincipal,
    id: string,
    body: UpdateRoutingPolicyBody,
  ): Promise<RoutingPolicyView> {
    const { tenantId } = principal;
    const policy = await this.audit.write(principal, async (tx) => {
      const current = await tx.routingPolicy.findFirst({ where: { id, tenantId } });
      if (!current) throw notFound('Routing policy', id);
      if (body.document) await this.assertDocument(tx, tenantId, id, body.document);
      const updated = await tx.routingPolicy
        .update({
          where: { id, tenantId },
          data: {
            name: body.name,
            description: body.description,
            document: body.document,
            // Only the document changes routing, so only it makes a new revision.
            ...(body.document ? { version: { increment: 1 } } : {}),
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Routing policy', ROUTING_POLICY_CONSTRAINT_FIELDS);
        });
      return { result: updated, change: changeOf('routing-policy', 'updated', current, updated) };
    });
    await this.notifier.notify(tenantId, 'routing-policy', policy.id);
    return toRoutingPolicyView(policy);
  }

  /** Overflow targets must be queues of the tenant, and no queue using the policy may overflow into itself. */
  private async assertDocument(
    tx: AuditTx,
    tenantId: string,
    id: string,
    document: QueuePolicyDocument,
  ): Promise<void> {
    await assertOfTenant(tx, tenantId, 'queue', overflowTargets(document, 'document'));
    const users = await tx.queue.findMany({
      where: { tenantId, routingPolicyId: id },
      select: { id: true, policy: true },
    });
    for (const queue of users) {
      const effective = effectivePolicy(document, storedPolicy(queue.policy));
      assertNoSelfOverflow(queue.id, effective, (i) => `document.relaxation.${i}.queueId`);
    }
  }
}
