// Creates an SLA policy: response-time targets that queues reference, optionally measured in business hours.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateSlaPolicyBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertOfTenant, refAt } from '../shared/tenant-refs.util';
import { overflowRefs } from './sla-policy-refs.util';
import { SLA_POLICY_CONSTRAINT_FIELDS, toSlaPolicyView, type SlaPolicyView } from './sla-policy.view';

@Injectable()
export class CreateSlaPolicy {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, body: CreateSlaPolicyBody): Promise<SlaPolicyView> {
    const { tenantId } = principal;
    return this.audit.write(principal, async (tx) => {
      await assertOfTenant(tx, tenantId, 'business-hours calendar', refAt(body.calendarId, 'calendarId'));
      await assertOfTenant(tx, tenantId, 'queue', overflowRefs(body));
      const policy = await tx.slaPolicy
        .create({
          data: {
            tenantId,
            name: body.name,
            description: body.description ?? null,
            calendarId: body.calendarId ?? null,
            targets: body.targets,
            warnAtPercent: body.warnAtPercent,
            onWarning: body.onWarning,
            onBreach: body.onBreach,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'SLA policy', SLA_POLICY_CONSTRAINT_FIELDS);
        });
      return { result: toSlaPolicyView(policy), change: changeOf('sla-policy', 'created', null, policy) };
    });
  }
}
