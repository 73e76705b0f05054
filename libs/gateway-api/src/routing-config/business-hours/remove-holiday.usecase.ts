// Removes a holiday from a calendar.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { notFound } from '../shared/tenant-refs.util';
import { assertCalendarOfTenant } from './holiday-calendar.check';

@Injectable()
export class RemoveHoliday {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, calendarId: string, holidayId: string): Promise<void> {
    const { tenantId } = principal;
    const where = { id: holidayId, calendarId, tenantId };
    await this.audit.write(principal, async (tx) => {
      await assertCalendarOfTenant(tx, tenantId, calendarId);
      const holiday = await tx.holiday.findFirst({ where });
      if (!holiday) throw notFound('Holiday', holidayId);
      const { count } = await tx.holiday.deleteMany({ where });
      if (count === 0) throw notFound('Holiday', holidayId);
      return { result: undefined, change: changeOf('holiday', 'deleted', holiday, null) };
    });
    // The router re-reads SLA settings at once instead of at its next periodic refresh.
    await this.notifier.notify(principal.tenantId, 'business-hours', calendarId);
  }
}
