// The gateway role: integrator REST ingest, console login, routing history, and the agents' socket namespace.
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { SessionStore } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { BUS, type Bus } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { ConsoleModule } from './console/console.module';
import { LoginController } from './auth/login.controller';
import { SessionController } from './auth/session.controller';
import { ConversationsModule } from './conversations/conversations.module';
import { CustomersModule } from './customers/customers.module';
import { InboxesModule } from './inboxes/inboxes.module';
import { PeopleModule } from './people/people.module';
import { ReportsModule } from './reports/reports.module';
import { RoutingConfigModule } from './routing-config/routing-config.module';
import { TenantSettingsModule } from './settings/tenant-settings.module';
import { CsatModule } from './csat/csat.module';
import { WaitEstimatesReportModule } from './reports/wait-estimates/wait-estimates-report.module';
import { SchemasController } from './schemas/schemas.controller';
import { SessionPruner } from './auth/session.pruner';
import { ApiRateLimitInterceptor } from './limits/api-rate-limit.interceptor';
import { PreAuthThrottleMiddleware } from './limits/pre-auth-throttle.middleware';
import { SocketHandshakeThrottle } from './limits/socket-handshake.throttle';
import { SOCKET_HANDSHAKE_ADMISSION } from '@switchboard/platform';
import { RateLimiter } from './limits/rate-limiter';
import { AcceptInbound } from './ingest/accept-inbound.usecase';
import { ContactsController } from './ingest/contacts.controller';
import { ConversationAbandonController } from './ingest/conversation-abandon.controller';
import { AbandonConversation } from './ingest/abandon-conversation.usecase';
import { IdempotencyKeyStore } from './ingest/idempotency/idempotency-key.store';
import { IdempotencyKeySweeper } from './ingest/idempotency/idempotency-key.sweeper';
import { IdempotentIngest } from './ingest/idempotency/idempotent-ingest';
import { InboxDefaultsDirectory } from './ingest/inbox-defaults.directory';
import { IngestAdmissionGate } from './ingest/ingest-admission.gate';
import { QueueNamesDirectory } from './ingest/queue-names.directory';
import { ForwardAgentCommand } from './realtime/agent-command.usecase';
import { TypingRelay } from './realtime/typing.relay';
import { CommandOutcomeRelay } from './realtime/command-outcome.relay';
import { AgentsGateway } from './realtime/agents.gateway';
import { ConsoleStreamReplay } from './realtime/console-stream.replay';
import { ConsoleStreams } from './realtime/console-stream.service';
import { QueueStatsRelay } from './realtime/queue-stats.relay';
import { SupervisorsGateway } from './realtime/supervisors.gateway';
import { RoutingEventRelay } from './realtime/routing-event.relay';
import { SocketLimits } from './realtime/socket-limits';
import { SocketSessionWatch } from './realtime/socket-session.watch';

@Module({
  imports: [
    AdminModule,
    AuditModule,
    ConsoleModule,
    ConversationsModule,
    CustomersModule,
    InboxesModule,
    PeopleModule,
    ReportsModule,
    RoutingConfigModule,
    TenantSettingsModule,
    WaitEstimatesReportModule,
    CsatModule,
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          // Per client IP, and high: a whole office may sign in at once. Each account has its own back-off.
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
  controllers: [
    ContactsController,
    ConversationAbandonController,
    LoginController,
    SessionController,
    SchemasController,
  ],
  providers: [
    AcceptInbound,
    AbandonConversation,
    IdempotencyKeyStore,
    IdempotencyKeySweeper,
    IdempotentIngest,
    QueueNamesDirectory,
    InboxDefaultsDirectory,
    {
      provide: IngestAdmissionGate,
      inject: [BUS, APP_CONFIG, ROOT_LOGGER],
      useFactory: (bus: Bus, config: AppConfig, logger: Logger) =>
        new IngestAdmissionGate({
          bus,
          groupId: config.routerGroupId,
          topic: config.topics.inbound,
          maxBacklog: config.limits.ingestMaxBacklog,
          logger: logger.child({ component: 'ingest-admission' }),
        }),
    },
    ForwardAgentCommand,
    {
      provide: SocketSessionWatch,
      inject: [SessionStore, APP_CONFIG, ROOT_LOGGER],
      useFactory: (store: SessionStore, config: AppConfig, logger: Logger) =>
        new SocketSessionWatch({
          liveAmong: (ids) => store.liveAmong(ids),
          // A zero cache window still sweeps, just not more often than four times a second.
          sweepIntervalMs: Math.max(250, config.sessions.cacheMs),
          logger: logger.child({ component: 'socket-session-watch' }),
        }),
    },
    AgentsGateway,
    SupervisorsGateway,
    ConsoleStreamReplay,
    ConsoleStreams,
    QueueStatsRelay,
    TypingRelay,
    CommandOutcomeRelay,
    RoutingEventRelay,
    RateLimiter,
    SocketLimits,
    SessionPruner,
    { provide: SOCKET_HANDSHAKE_ADMISSION, useClass: SocketHandshakeThrottle },
    { provide: APP_INTERCEPTOR, useClass: ApiRateLimitInterceptor },
  ],
  // What channel modules composed into the gateway build on (web chat: events, typing and socket limits).
  exports: [AgentsGateway, TypingRelay, RoutingEventRelay, SocketLimits, IngestAdmissionGate],
})
export class GatewayApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PreAuthThrottleMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
