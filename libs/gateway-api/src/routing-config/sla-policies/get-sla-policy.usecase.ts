// One SLA policy, with the queues measured by it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { notFound } from '../shared/tenant-refs.util';
import { toSlaPolicyView, type SlaPolicyView } from './sla-policy.view';

export interface SlaPolicyDetailView extends SlaPolicyView {
  queues: Array<{ id: string; name: string }>;
}

@Injectable()
export class GetSlaPolicy {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<SlaPolicyDetailView> {
    const policy = await this.prisma.slaPolicy.findFirst({
      where: { id, tenantId: principal.tenantId },
      include: { queues: { select: { id: true, name: true }, orderBy: { id: 'asc' } } },
    });
    if (!policy) throw notFound('SLA policy', id);
    return { ...toSlaPolicyView(policy), queues: policy.queues };
  }
}
