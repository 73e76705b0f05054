// Lists a tenant's business-hours calendars, paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toBusinessHoursView, type BusinessHoursView } from './business-hours.view';

@Injectable()
export class ListBusinessHours {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: PageQuery): Promise<Page<BusinessHoursView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.businessHoursCalendar.findMany({
      where: { tenantId: principal.tenantId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toBusinessHoursView);
  }
}
