// Creates a named routing policy that queues can reference.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateRoutingPolicyBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import { overflowTargets } from '../shared/overflow.check';
import { assertOfTenant } from '../shared/tenant-refs.util';
import {
  ROUTING_POLICY_CONSTRAINT_FIELDS,
  toRoutingPolicyView,
  type RoutingPolicyView,
} from './routing-policy.view';

@Injectable()
export class CreateRoutingPolicy {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, body: CreateRoutingPolicyBody): Promise<RoutingPolicyView> {
    const { tenantId } = principal;
    await assertOfTenant(this.prisma, tenantId, 'queue', overflowTargets(body.document, 'document'));
    const policy = await this.prisma.routingPolicy
      .create({
        data: { tenantId, name: body.name, description: body.description ?? null, document: body.document },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Routing policy', ROUTING_POLICY_CONSTRAINT_FIELDS);
      });
    // No queue references it yet; notifying anyway keeps the router's rule simple: every policy write is announced.
    await this.notifier.notify(tenantId, 'routing-policy', policy.id);
    return toRoutingPolicyView(policy);
  }
}
