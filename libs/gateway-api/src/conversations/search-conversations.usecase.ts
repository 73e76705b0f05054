// Searches a tenant's conversations by status, queue, customer, channel, assigned agent and creation time,
// one page at a time in id order (ids are time-ordered, so this is also creation order).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  ConversationSearchFiltersSchema,
  refineCreatedRange,
  type ConversationSearchFilters,
} from '@switchboard/contracts';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, PageQuerySchema, toPage, type Page } from '@switchboard/platform';
import type { z } from 'zod';
import { conversationScope } from './conversation-scope';
import {
  conversationSummarySelect,
  toConversationSummary,
  type ConversationSummary,
} from './conversation-summary.mapper';

/** The filters with the page parameters; unknown parameters are rejected, so a typo is a 400, not ignored. */
export const ConversationSearchQuerySchema = ConversationSearchFiltersSchema.extend(
  PageQuerySchema.shape,
).superRefine(refineCreatedRange);
export type ConversationSearchQuery = z.output<typeof ConversationSearchQuerySchema>;

@Injectable()
export class SearchConversations {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(
    principal: UserPrincipal,
    query: ConversationSearchQuery,
  ): Promise<Page<ConversationSummary>> {
    const after = decodeCursor(query.cursor);
    const rows = await this.prisma.conversation.findMany({
      where: {
        AND: [conversationScope(principal), filtersOf(query), after ? { id: { gt: after } } : {}],
      },
      select: conversationSummarySelect,
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toConversationSummary);
  }
}

function filtersOf(query: ConversationSearchFilters): Prisma.ConversationWhereInput {
  const created: Prisma.DateTimeFilter = {};
  if (query.createdFrom) created.gte = new Date(query.createdFrom);
  if (query.createdTo) created.lt = new Date(query.createdTo);
  return {
    ...(query.status ? { status: { in: query.status } } : {}),
    ...(query.queueId ? { queueId: query.queueId } : {}),
    ...(query.customerId ? { customerId: query.customerId } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.agentId ? { assignments: { some: { agentId: query.agentId, endedAt: null } } } : {}),
    ...(query.createdFrom || query.createdTo ? { createdAt: created } : {}),
  };
}
