// Creates a business-hours calendar: weekly opening intervals in an IANA time zone.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { CreateBusinessHoursBody } from '@switchboard/contracts';
import { AuditTrail, changeOf } from '../../audit/audit-trail.service';
import { toDomainError } from '../../shared/prisma-error.util';
import {
  CALENDAR_CONSTRAINT_FIELDS,
  toBusinessHoursView,
  type BusinessHoursView,
} from './business-hours.view';

@Injectable()
export class CreateBusinessHours {
  constructor(private readonly audit: AuditTrail) {}

  async execute(principal: UserPrincipal, body: CreateBusinessHoursBody): Promise<BusinessHoursView> {
    return this.audit.write(principal, async (tx) => {
      const calendar = await tx.businessHoursCalendar
        .create({
          data: {
            tenantId: principal.tenantId,
            name: body.name,
            timeZone: body.timeZone,
            weekly: body.weekly,
          },
        })
        .catch((error: unknown) => {
          throw toDomainError(error, 'Business-hours calendar', CALENDAR_CONSTRAINT_FIELDS);
        });
      return {
        result: toBusinessHoursView(calendar),
        change: changeOf('business-hours', 'created', null, calendar),
      };
    });
  }
}
