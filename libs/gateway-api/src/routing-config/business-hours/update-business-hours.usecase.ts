// Changes a calendar's name, zone or week (the week is replaced whole).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UpdateBusinessHoursBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import { notFound } from '../shared/tenant-refs.util';
import {
  CALENDAR_CONSTRAINT_FIELDS,
  toBusinessHoursView,
  type BusinessHoursView,
} from './business-hours.view';

@Injectable()
export class UpdateBusinessHours {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(
    principal: UserPrincipal,
    id: string,
    body: UpdateBusinessHoursBody,
  ): Promise<BusinessHoursView> {
    // The tenant is part of the match, so another tenant's id is not found.
    const where = { id, tenantId: principal.tenantId };
    const result = await this.audit.write(principal, async (tx) => {
      const before = await tx.businessHoursCalendar.findFirst({ where });
      if (!before) throw notFound('Business-hours calendar', id);
      const calendar = await tx.businessHoursCalendar
        .update({ where, data: { name: body.name, timeZone: body.timeZone, weekly: body.weekly } })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Business-hours calendar', CALENDAR_CONSTRAINT_FIELDS);
        });
      return {
        result: toBusinessHoursView(calendar),
        change: changeOf('business-hours', 'updated', before, calendar),
      };
    });
    // The router re-reads SLA settings at once instead of at its next periodic refresh.
    await this.notifier.notify(principal.tenantId, 'business-hours', id);
    return result;
  }
}
