// Read side for consoles and integrators: conversations, their routing history, and customer profiles.
import { Module } from '@nestjs/common';
import { ConversationsController } from './conversations.controller';
import { GetRoutingHistory } from './get-routing-history.usecase';

@Module({
  controllers: [ConversationsController],
  providers: [GetRoutingHistory],
})
export class ConversationsModule {}
