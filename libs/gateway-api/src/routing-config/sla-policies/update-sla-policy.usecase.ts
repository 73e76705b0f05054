// Changes an SLA policy's name, calendar or targets (targets are replaced whole).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { UpdateSlaPolicyBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../../shared/prisma-error.util';
import { assertOfTenant, notFound, refAt } from '../shared/tenant-refs.util';
import { SLA_POLICY_CONSTRAINT_FIELDS, toSlaPolicyView, type SlaPolicyView } from './sla-policy.view';

@Injectable()
export class UpdateSlaPolicy {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, id: string, body: UpdateSlaPolicyBody): Promise<SlaPolicyView> {
    const { tenantId } = principal;
    const current = await this.prisma.slaPolicy.findFirst({ where: { id, tenantId }, select: { id: true } });
    if (!current) throw notFound('SLA policy', id);
    await assertOfTenant(
      this.prisma,
      tenantId,
      'business-hours calendar',
      refAt(body.calendarId, 'calendarId'),
    );
    const policy = await this.prisma.slaPolicy
      .update({
        where: { id, tenantId },
        data: {
          name: body.name,
          description: body.description,
          calendarId: body.calendarId,
          targets: body.targets,
        },
      })
      .catch((error: unknown) => {
        throw toDomainError(error, 'SLA policy', SLA_POLICY_CONSTRAINT_FIELDS);
      });
    return toSlaPolicyView(policy);
  }
}
