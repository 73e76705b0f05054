// Deletes a calendar (and its holidays) that no SLA policy uses: removing one in use would make SLA clocks
// silently run around the clock.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDeleteError } from '../shared/delete-error.util';
import { inUse, notFound } from '../shared/tenant-refs.util';

@Injectable()
export class DeleteBusinessHours {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    const calendar = await this.prisma.businessHoursCalendar.findFirst({
      where: { id, tenantId },
      select: { id: true },
    });
    if (!calendar) throw notFound('Business-hours calendar', id);
    const users = await this.prisma.slaPolicy.findMany({
      where: { tenantId, calendarId: id },
      select: { name: true },
      orderBy: { name: 'asc' },
    });
    if (users.length > 0) {
      const names = users.map((p) => p.name).join(', ');
      throw inUse(`Calendar ${id} is used by SLA policy(ies) ${names}; detach them first`);
    }
    await this.prisma.businessHoursCalendar.delete({ where: { id, tenantId } }).catch((error: unknown) => {
      throw toDeleteError(error, 'Business-hours calendar', `Calendar ${id} is used by an SLA policy`);
    });
  }
}
