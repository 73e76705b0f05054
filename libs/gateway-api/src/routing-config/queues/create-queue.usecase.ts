// Creates a queue and tells the router, so contacts addressed to it route by its policy from the next record on.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateQueueBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
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
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, body: CreateQueueBody): Promise<QueueView> {
    const { tenantId } = principal;
    await assertOfTenant(
      this.prisma,
      tenantId,
      'routing policy',
      refAt(body.routingPolicyId, 'routingPolicyId'),
    );
    await assertOfTenant(this.prisma, tenantId, 'SLA policy', refAt(body.slaPolicyId, 'slaPolicyId'));
    // A new queue has no id yet, so nothing can overflow into it: only the targets need checking.
    await assertOfTenant(this.prisma, tenantId, 'queue', overflowTargets(body.policy, 'policy'));
    const queue = await this.prisma.queue
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
    await this.notifier.notify(tenantId, 'queue', queue.id);
    return toQueueView(queue);
  }
}
