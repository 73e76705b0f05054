// Sets a customer's preferences (display name, language, preferred agent). The preferred agent must be an
// active agent of the same tenant: the router tries them first for this customer (sticky routing).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode, type UpdateCustomerPreferencesBody } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { toDomainError } from '../shared/prisma-error.util';
import { customerSummarySelect, toCustomerSummary, type CustomerSummary } from './customer-summary.mapper';

@Injectable()
export class UpdateCustomerPreferences {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(
    principal: UserPrincipal,
    customerId: string,
    body: UpdateCustomerPreferencesBody,
  ): Promise<CustomerSummary> {
    if (body.preferredAgentId) await this.requireActiveAgent(principal.tenantId, body.preferredAgentId);
    try {
      const updated = await this.prisma.customer.update({
        where: { id: customerId, tenantId: principal.tenantId },
        data: body,
        select: customerSummarySelect,
      });
      return toCustomerSummary(updated);
    } catch (error) {
      // The agent may be deleted between the check and the write; the foreign key still holds.
      throw toDomainError(error, 'Customer', { preferred_agent_id: 'preferredAgentId' });
    }
  }

  private async requireActiveAgent(tenantId: string, agentId: string): Promise<void> {
    const agent = await this.prisma.agent.findFirst({
      where: { id: agentId, tenantId, active: true },
      select: { id: true },
    });
    if (!agent) {
      throw new DomainError(ErrorCode.ValidationFailed, 'Invalid preferredAgentId', [
        { path: 'preferredAgentId', message: 'must be an active agent of this tenant' },
      ]);
    }
  }
}
