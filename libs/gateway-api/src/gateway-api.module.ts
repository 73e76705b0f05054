// The gateway role: integrator REST ingest, console login, routing history, and the agents' socket namespace.
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
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
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          { name: 'login', ttl: 60_000, limit: config.rateLimits.loginPerMinute },
          {
            name: 'ingest',
            ttl: 1_000,
            limit: config.rateLimits.ingestPerSecond,
            // Per integrator key, not per IP: many integrators can share a NAT, one key is one client.
            getTracker: (req: { principal?: { apiKeyId?: string }; ip?: string }) =>
              req.principal?.apiKeyId ?? req.ip ?? 'unknown',
          },
        ],
      }),
    }),
  ],
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
