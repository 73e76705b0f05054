// Changes an SLA policy's name, calendar, targets, warning threshold or actions (each list is replaced whole).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UpdateSlaPolicyBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertOfTenant, notFound, refAt } from '../shared/tenant-refs.util';
import { overflowRefs } from './sla-policy-refs.util';
import { SLA_POLICY_CONSTRAINT_FIELDS, toSlaPolicyView, type SlaPolicyView } from './sla-policy.view';

@Injectable()
export class UpdateSlaPolicy {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateSlaPolicyBody): Promise<SlaPolicyView> {
    const { tenantId } = principal;
    const result = await this.audit.write(principal, async (tx) => {
      const current = await tx.slaPolicy.findFirst({ where: { id, tenantId } });
      if (!current) throw notFound('SLA policy', id);
      await assertOfTenant(tx, tenantId, 'business-hours calendar', refAt(body.calendarId, 'calendarId'));
      await assertOfTenant(tx, tenantId, 'queue', overflowRefs(body));
      const policy = await tx.slaPolicy
        .update({
          where: { id, tenantId },
          data: {
            name: body.name,
            description: body.description,
            calendarId: body.calendarId,
            targets: body.targets,
            warnAtPercent: body.warnAtPercent,
            onWarning: body.onWarning,
            onBreach: body.onBreach,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'SLA policy', SLA_POLICY_CONSTRAINT_FIELDS);
        });
      return { result: toSlaPolicyView(policy), change: changeOf('sla-policy', 'updated', current, policy) };
    });
    // The router re-reads SLA settings at once instead of at its next periodic refresh.
    await this.notifier.notify(principal.tenantId, 'sla-policy', id);
    return result;
  }
}
