// Changes a queue; the router re-reads it and re-evaluates the queue's waiting contacts at once, so a looser
// policy can unlock offers immediately.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { effectivePolicy, type UpdateQueueBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient, type Queue } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertNoSelfOverflow, overflowTargets } from '../shared/overflow.check';
import { assertOfTenant, notFound, refAt } from '../shared/tenant-refs.util';
import { QUEUE_CONSTRAINT_FIELDS } from './create-queue.usecase';
import { storedPolicy, toQueueView, type QueueView } from './queue.view';

@Injectable()
export class UpdateQueue {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateQueueBody): Promise<QueueView> {
    const { tenantId } = principal;
    const current = await this.prisma.queue.findFirst({ where: { id, tenantId } });
    if (!current) throw notFound('Queue', id);
    await assertOfTenant(
      this.prisma,
      tenantId,
      'routing policy',
      refAt(body.routingPolicyId, 'routingPolicyId'),
    );
    await assertOfTenant(this.prisma, tenantId, 'SLA policy', refAt(body.slaPolicyId, 'slaPolicyId'));
    await assertOfTenant(this.prisma, tenantId, 'queue', overflowTargets(body.policy, 'policy'));
    await this.assertEffectivePolicy(tenantId, current, body);

    const queue = await this.prisma.queue
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
    await this.notifier.notify(tenantId, 'queue', queue.id);
    return toQueueView(queue);
  }

  /** The policy the queue will route by after this change must not overflow into the queue itself. */
  private async assertEffectivePolicy(
    tenantId: string,
    current: Queue,
    body: UpdateQueueBody,
  ): Promise<void> {
    const policyId = body.routingPolicyId === undefined ? current.routingPolicyId : body.routingPolicyId;
    const named = policyId
      ? await this.prisma.routingPolicy.findFirst({
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
