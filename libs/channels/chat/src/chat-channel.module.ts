// Web chat: visitor sessions (POST /v1/chat/sessions), the `/visitors` socket.io namespace, the embeddable
// widget and its demo page, and the chat sender registered with the connector runtime. Composed into the
// gateway role next to the agents' namespace, whose routing events, typing and socket limits it builds on.
import { Module, type OnModuleInit } from '@nestjs/common';
import { ChannelSenderRegistry, OutboundModule } from '@switchboard/channels-core';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { CsatModule, GatewayApiModule } from '@switchboard/gateway-api';
import { ReceiveVisitorMessage } from './inbound/receive-visitor-message.usecase';
import { QueueStatusReader } from './live/queue-status.reader';
import { VisitorConversations } from './live/visitor-conversations';
import { VisitorEventRelay } from './live/visitor-event.relay';
import { VisitorPresence } from './live/visitor-presence';
import { VisitorReplayReader } from './live/visitor-replay.reader';
import { ChatChannelSender } from './outbound/chat-channel.sender';
import { ChatInboxDirectory } from './visitors/chat-inbox.directory';
import { ChatOriginPolicy } from './visitors/chat-origin.policy';
import { ChatSessionsController } from './visitors/chat-sessions.controller';
import { VisitorTokenService } from './visitors/visitor-token.service';
import { VisitorsGateway } from './visitors/visitors.gateway';
import { WidgetController } from './widget/widget.controller';

@Module({
  imports: [OutboundModule, GatewayApiModule, CsatModule],
  controllers: [ChatSessionsController, WidgetController],
  providers: [
    {
      provide: VisitorTokenService,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new VisitorTokenService(config.jwt.secret, config.chat.visitorTokenTtlSeconds),
    },
    ChatInboxDirectory,
    ChatOriginPolicy,
    ReceiveVisitorMessage,
    QueueStatusReader,
    VisitorConversations,
    VisitorPresence,
    VisitorReplayReader,
    VisitorsGateway,
    VisitorEventRelay,
  ],
})
export class ChatChannelModule implements OnModuleInit {
  constructor(private readonly registry: ChannelSenderRegistry) {}

  onModuleInit(): void {
    this.registry.register(new ChatChannelSender());
  }
}
