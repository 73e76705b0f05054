// Adds a closed day to a calendar; a second holiday on the same date is a conflict.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateHolidayBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { ConfigChangeNotifier } from '../../admin/config-change.notifier';
import { toDomainError } from '../../shared/prisma-error.util';
import {
  HOLIDAY_CONSTRAINT_FIELDS,
  toDateColumn,
  toHolidayView,
  type HolidayView,
} from './business-hours.view';
import { assertCalendarOfTenant } from './holiday-calendar.check';

@Injectable()
export class AddHoliday {
  constructor(
    private readonly audit: AuditTrail,
    private readonly notifier: ConfigChangeNotifier,
  ) {}

  async execute(principal: UserPrincipal, calendarId: string, body: CreateHolidayBody): Promise<HolidayView> {
    const { tenantId } = principal;
    const result = await this.audit.write(principal, async (tx) => {
      await assertCalendarOfTenant(tx, tenantId, calendarId);
      const holiday = await tx.holiday
        .create({ data: { tenantId, calendarId, date: toDateColumn(body.date), name: body.name } })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Holiday', HOLIDAY_CONSTRAINT_FIELDS);
        });
      return { result: toHolidayView(holiday), change: changeOf('holiday', 'created', null, holiday) };
    });
    // The router re-reads SLA settings at once instead of at its next periodic refresh.
    await this.notifier.notify(principal.tenantId, 'business-hours', calendarId);
    return result;
  }
}
