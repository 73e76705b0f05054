// Lists a calendar's holidays, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toHolidayView, type HolidayView } from './business-hours.view';
import { assertCalendarOfTenant } from './holiday-calendar.check';

@Injectable()
export class ListHolidays {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, calendarId: string, query: PageQuery): Promise<Page<HolidayView>> {
    const { tenantId } = principal;
    await assertCalendarOfTenant(this.prisma, tenantId, calendarId);
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.holiday.findMany({
      where: { tenantId, calendarId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toHolidayView);
  }
}
