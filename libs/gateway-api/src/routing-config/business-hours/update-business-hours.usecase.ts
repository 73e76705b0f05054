// Changes a calendar's name, zone or week (the week is replaced whole).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UpdateBusinessHoursBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import {
  CALENDAR_CONSTRAINT_FIELDS,
  toBusinessHoursView,
  type BusinessHoursView,
} from './business-hours.view';

@Injectable()
export class UpdateBusinessHours {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(
    principal: UserPrincipal,
    id: string,
    body: UpdateBusinessHoursBody,
  ): Promise<BusinessHoursView> {
    const calendar = await this.prisma.businessHoursCalendar
      .update({
        // The tenant is part of the match, so another tenant's id is not found (P2025 -> 404).
        where: { id, tenantId: principal.tenantId },
        data: { name: body.name, timeZone: body.timeZone, weekly: body.weekly },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'Business-hours calendar', CALENDAR_CONSTRAINT_FIELDS);
      });
    return toBusinessHoursView(calendar);
  }
}
