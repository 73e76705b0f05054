// Read side for consoles: conversation search, a conversation's detail, and its routing history.
import { Module } from '@nestjs/common';
import { ConversationsController } from './conversations.controller';
import { GetConversation } from './get-conversation.usecase';
import { GetRoutingHistory } from './get-routing-history.usecase';
import { SearchConversations } from './search-conversations.usecase';

@Module({
  controllers: [ConversationsController],
  providers: [SearchConversations, GetConversation, GetRoutingHistory],
})
export class ConversationsModule {}
