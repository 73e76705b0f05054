// One named routing policy, with the queues that route by it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { notFound } from '../shared/tenant-refs.util';
import { toRoutingPolicyView, type RoutingPolicyView } from './routing-policy.view';

export interface RoutingPolicyDetailView extends RoutingPolicyView {
  queues: Array<{ id: string; name: string }>;
}

@Injectable()
export class GetRoutingPolicy {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<RoutingPolicyDetailView> {
    const policy = await this.prisma.routingPolicy.findFirst({
      where: { id, tenantId: principal.tenantId },
      include: { queues: { select: { id: true, name: true }, orderBy: { id: 'asc' } } },
    });
    if (!policy) throw notFound('Routing policy', id);
    return { ...toRoutingPolicyView(policy), queues: policy.queues };
  }
}
