// A customer's profile: one person across channels (an identity per channel), their preferences, and their
// history: the most recent conversations and counts by status. The full history is
// `GET /v1/conversations?customerId=`, paged.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  ConversationStatusSchema,
  DomainError,
  ErrorCode,
  type ConversationStatus,
} from '@switchboard/contracts';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { conversationScope } from '../conversations/conversation-scope';
import {
  conversationSummarySelect,
  toConversationSummary,
  type ConversationSummary,
} from '../conversations/conversation-summary.mapper';
import { customerScope } from './customer-scope';
import { customerSummarySelect, toCustomerSummary, type CustomerSummary } from './customer-summary.mapper';

export const HISTORY_CAP = 50;

export interface CustomerProfile extends CustomerSummary {
  /** Counts over every conversation the caller may see, whatever the cap. */
  conversationCounts: Record<ConversationStatus, number> & { total: number };
  /** Newest first; at most HISTORY_CAP. */
  conversations: ConversationSummary[];
  /** True when older conversations exist beyond the cap. */
  conversationsTruncated: boolean;
}

@Injectable()
export class GetCustomerProfile {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, customerId: string): Promise<CustomerProfile> {
    const customer = await this.prisma.customer.findFirst({
      where: { AND: [{ id: customerId }, customerScope(principal)] },
      select: customerSummarySelect,
    });
    if (!customer) throw new DomainError(ErrorCode.NotFound, `Customer ${customerId} not found`);
    // An agent sees only the conversations they took part in, here as everywhere else.
    const theirs: Prisma.ConversationWhereInput = { AND: [conversationScope(principal), { customerId }] };
    const [recent, groups] = await Promise.all([
      this.prisma.conversation.findMany({
        where: theirs,
        select: conversationSummarySelect,
        orderBy: { id: 'desc' },
        take: HISTORY_CAP + 1,
      }),
      this.prisma.conversation.groupBy({ by: ['status'], where: theirs, _count: { _all: true } }),
    ]);
    return {
      ...toCustomerSummary(customer),
      conversationCounts: countsOf(groups),
      conversations: recent.slice(0, HISTORY_CAP).map(toConversationSummary),
      conversationsTruncated: recent.length > HISTORY_CAP,
    };
  }
}

function countsOf(
  groups: Array<{ status: string; _count: { _all: number } }>,
): CustomerProfile['conversationCounts'] {
  const counts = { queued: 0, offered: 0, assigned: 0, resolved: 0, total: 0 };
  for (const group of groups) {
    const status = ConversationStatusSchema.safeParse(group.status);
    if (status.success) counts[status.data] = group._count._all;
    counts.total += group._count._all;
  }
  return counts;
}
