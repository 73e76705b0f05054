// Deletes a calendar (and its holidays) that no SLA policy uses: removing one in use would make SLA clocks
// silently run around the clock.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDeleteError } from '../shared/delete-error.util';
import { inUse, notFound } from '../shared/tenant-refs.util';

@Injectable()
export class DeleteBusinessHours {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, id: string): Promise<void> {
    const { tenantId } = principal;
    await this.audit.write(principal, async (tx) => {
      // The holidays go with the calendar, so the snapshot keeps them.
      const calendar = await tx.businessHoursCalendar.findFirst({
        where: { id, tenantId },
        include: { holidays: { orderBy: { date: 'asc' } } },
      });
      if (!calendar) throw notFound('Business-hours calendar', id);
      const users = await tx.slaPolicy.findMany({
        where: { tenantId, calendarId: id },
        select: { name: true },
        orderBy: { name: 'asc' },
      });
      if (users.length > 0) {
        const names = users.map((p) => p.name).join(', ');
        throw inUse(`Calendar ${id} is used by SLA policy(ies) ${names}; detach them first`);
      }
      await tx.businessHoursCalendar.delete({ where: { id, tenantId } }).catch((error: unknown) => {
        throw toDeleteError(error, 'Business-hours calendar', `Calendar ${id} is used by an SLA policy`);
      });
      return { result: undefined, change: changeOf('business-hours', 'deleted', calendar, null) };
    });
  }
}
