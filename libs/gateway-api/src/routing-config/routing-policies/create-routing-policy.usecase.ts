// Creates a named routing policy that queues can reference.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateRoutingPolicyBody } from '@switchboard/contracts';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
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
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, body: CreateRoutingPolicyBody): Promise<RoutingPolicyView> {
    const { tenantId } = principal;
    const policy = await this.audit.write(principal, async (tx) => {
      await assertOfTenant(tx, tenantId, 'queue', overflowTargets(body.document, 'document'));
      const created = await tx.routingPolicy
        .create({
          data: { tenantId, name: body.name, description: body.description ?? null, document: body.document },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Routing policy', ROUTING_POLICY_CONSTRAINT_FIELDS);
        });
      return { result: created, change: changeOf('routing-policy', 'created', null, created) };
    });
    // No queue references it yet; notifying anyway keeps the router's rule simple: every policy write is announced.
    await this.notifier.notify(tenantId, 'routing-policy', policy.id);
    return toRoutingPolicyView(policy);
  }
}
