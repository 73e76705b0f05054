// Adds a closed day to a calendar; a second holiday on the same date is a conflict.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateHolidayBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
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
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, calendarId: string, body: CreateHolidayBody): Promise<HolidayView> {
    const { tenantId } = principal;
    await assertCalendarOfTenant(this.prisma, tenantId, calendarId);
    const holiday = await this.prisma.holiday
      .create({ data: { tenantId, calendarId, date: toDateColumn(body.date), name: body.name } })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Holiday', HOLIDAY_CONSTRAINT_FIELDS);
      });
    return toHolidayView(holiday);
  }
}
