// One business-hours calendar, with the SLA policies measured by it.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { notFound } from '../shared/tenant-refs.util';
import { toBusinessHoursView, type BusinessHoursView } from './business-hours.view';

export interface BusinessHoursDetailView extends BusinessHoursView {
  slaPolicies: Array<{ id: string; name: string }>;
}

@Injectable()
export class GetBusinessHours {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<BusinessHoursDetailView> {
    const calendar = await this.prisma.businessHoursCalendar.findFirst({
      where: { id, tenantId: principal.tenantId },
      include: { slaPolicies: { select: { id: true, name: true }, orderBy: { id: 'asc' } } },
    });
    if (!calendar) throw notFound('Business-hours calendar', id);
    return { ...toBusinessHoursView(calendar), slaPolicies: calendar.slaPolicies };
  }
}
