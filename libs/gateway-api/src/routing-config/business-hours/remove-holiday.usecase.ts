// Removes a holiday from a calendar.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { notFound } from '../shared/tenant-refs.util';
import { assertCalendarOfTenant } from './holiday-calendar.check';

@Injectable()
export class RemoveHoliday {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, calendarId: string, holidayId: string): Promise<void> {
    const { tenantId } = principal;
    await assertCalendarOfTenant(this.prisma, tenantId, calendarId);
    const { count } = await this.prisma.holiday.deleteMany({
      where: { id: holidayId, calendarId, tenantId },
    });
    if (count === 0) throw notFound('Holiday', holidayId);
  }
}
