// Holidays are reachable only through a calendar of the caller's tenant: every holiday operation finds it first.
import type { Prisma } from '@switchboard/persistence';
import { notFound } from '../shared/tenant-refs.util';

export async function assertCalendarOfTenant(
  prisma: Prisma.TransactionClient,
  tenantId: string,
  calendarId: string,
): Promise<void> {
  const calendar = await prisma.businessHoursCalendar.findFirst({
    where: { id: calendarId, tenantId },
    select: { id: true },
  });
  if (!calendar) throw notFound('Business-hours calendar', calendarId);
}
