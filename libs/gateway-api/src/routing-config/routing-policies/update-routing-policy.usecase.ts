// Changes a named routing policy. A new document bumps the version and makes the router re-read every queue, so
// the change applies to waiting contacts at once.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  effectivePolicy,
  type QueuePolicyDocument,
  type UpdateRoutingPolicyBody,
} from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
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
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(
    principal: UserPrincipal,
    id: string,
    body: UpdateRoutingPolicyBody,
  ): Promise<RoutingPolicyView> {
    const { tenantId } = principal;
    const current = await this.prisma.routingPolicy.findFirst({
      where: { id, tenantId },
      select: { id: true },
    });
    if (!current) throw notFound('Routing policy', id);
    if (body.document) await this.assertDocument(tenantId, id, body.document);
    const policy = await this.prisma.routingPolicy
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
    await this.notifier.notify(tenantId, 'routing-policy', policy.id);
    return toRoutingPolicyView(policy);
  }

  /** Overflow targets must be queues of the tenant, and no queue using the policy may overflow into itself. */
  private async assertDocument(tenantId: string, id: string, document: QueuePolicyDocument): Promise<void> {
    await assertOfTenant(this.prisma, tenantId, 'queue', overflowTargets(document, 'document'));
    const users = await this.prisma.queue.findMany({
      where: { tenantId, routingPolicyId: id },
      select: { id: true, policy: true },
    });
    for (const queue of users) {
      const effective = effectivePolicy(document, storedPolicy(queue.policy));
      assertNoSelfOverflow(queue.id, effective, (i) => `document.relaxation.${i}.queueId`);
    }
  }
}
