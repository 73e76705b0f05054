// Finds customers by an identity (channel and address) or by display name, paged in id order.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { CustomerSearchFiltersSchema, type CustomerSearchFilters } from '@switchboard/contracts';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, PageQuerySchema, toPage, type Page } from '@switchboard/platform';
import type { z } from 'zod';
import { customerScope } from './customer-scope';
import { customerSummarySelect, toCustomerSummary, type CustomerSummary } from './customer-summary.mapper';

/** The filters with the page parameters; unknown parameters are rejected, so a typo is a 400, not ignored. */
export const CustomerSearchQuerySchema = CustomerSearchFiltersSchema.extend(PageQuerySchema.shape);
export type CustomerSearchQuery = z.output<typeof CustomerSearchQuerySchema>;

@Injectable()
export class SearchCustomers {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: CustomerSearchQuery): Promise<Page<CustomerSummary>> {
    const after = decodeCursor(query.cursor);
    const rows = await this.prisma.customer.findMany({
      where: { AND: [customerScope(principal), filtersOf(query), after ? { id: { gt: after } } : {}] },
      select: customerSummarySelect,
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toCustomerSummary);
  }
}

function filtersOf(query: CustomerSearchFilters): Prisma.CustomerWhereInput {
  const identity: Prisma.CustomerIdentityWhereInput = {
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.address ? { address: query.address } : {}),
  };
  return {
    // Channel and address must match the same identity row, not one each.
    ...(query.channel || query.address ? { identities: { some: identity } } : {}),
    ...(query.displayName ? { displayName: { contains: query.displayName, mode: 'insensitive' } } : {}),
  };
}
