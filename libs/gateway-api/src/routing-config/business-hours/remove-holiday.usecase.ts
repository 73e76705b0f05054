// Removes a holiday from a calendar.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { notFound } from '../shared/tenant-refs.util';
import { assertCalendarOfTenant } from './holiday-calendar.check';

@Injectable()
export class RemoveHoliday {
  constructor(private readonly audit: AuditTrail) {}

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
  }
}
