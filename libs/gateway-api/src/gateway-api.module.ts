// The gateway role: integrator REST ingest, console login, routing history, and the agents' socket namespace.
import { Module } from '@nestjs/common';
import { ConfigChangeNotifier } from './admin/config-change.notifier';
import { LoginController } from './auth/login.controller';
import { ConversationsController } from './conversations/conversations.controller';
import { GetRoutingHistory } from './conversations/get-routing-history.usecase';
import { AcceptInbound } from './ingest/accept-inbound.usecase';
import { ContactsController } from './ingest/contacts.controller';
import { ForwardAgentCommand } from './realtime/agent-command.usecase';
import { AgentsGateway } from './realtime/agents.gateway';
import { RoutingEventRelay } from './realtime/routing-event.relay';

@Module({
  controllers: [ContactsController, LoginController, ConversationsController],
  providers: [
    AcceptInbound,
    ForwardAgentCommand,
    AgentsGateway,
    RoutingEventRelay,
    GetRoutingHistory,
    ConfigChangeNotifier,
  ],
})
export class GatewayApiModule {}
