// Read side for consoles: search conversations, read one in full, and see why it was routed the way it was.
// Supervisors and admins see their whole tenant; an agent sees only conversations offered or assigned to them.
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '@switchboard/auth';
import { ZodQueryPipe, type Page, ApiQueryParams } from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import { IdParamPipe } from '../shared/id-param.pipe';
import type { ConversationSummary } from './conversation-summary.mapper';
import { GetConversation, MESSAGE_CAP, type ConversationDetail } from './get-conversation.usecase';
import { GetRoutingHistory, type RoutingHistory } from './get-routing-history.usecase';
import {
  ConversationSearchQuerySchema,
  SearchConversations,
  type ConversationSearchQuery,
} from './search-conversations.usecase';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('v1/conversations')
export class ConversationsController {
  constructor(
    private readonly searchConversations: SearchConversations,
    private readonly getConversation: GetConversation,
    private readonly history: GetRoutingHistory,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search conversations by status, queue, customer, channel, agent and time' })
  @ApiQueryParams(ConversationSearchQuerySchema)
  @ApiOkResponse({
    description: 'A page of conversation summaries in id (creation) order: { items, nextCursor }',
  })
  search(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ConversationSearchQuerySchema)) query: ConversationSearchQuery,
  ): Promise<Page<ConversationSummary>> {
    return this.searchConversations.execute(consoleUser(principal), query);
  }

  @Get(':conversationId')
  @ApiOperation({
    summary: 'A conversation with its messages, offers, assignments, decision log and customer',
    description:
      `Messages are in time order; only the ${MESSAGE_CAP} most recent are returned, ` +
      'and messagesTruncated is true when older ones exist.',
  })
  @ApiOkResponse({ description: 'The conversation detail' })
  detail(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId', new IdParamPipe('conversationId')) conversationId: string,
  ): Promise<ConversationDetail> {
    return this.getConversation.execute(consoleUser(principal), conversationId);
  }

  @Get(':conversationId/routing')
  @ApiOkResponse({ description: 'Offers with their routing reasons, and the decision log' })
  routing(
    @CurrentPrincipal() principal: Principal,
    @Param('conversationId', new IdParamPipe('conversationId')) conversationId: string,
  ): Promise<RoutingHistory> {
    return this.history.execute(consoleUser(principal), conversationId);
  }
}
