// The connector runtime as a Nest module: the sender registry (channel modules register into it), the inbox
// secrets port, and the outbound dispatcher, started once every module has registered its senders.
import { Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { BUS, type Bus } from '@switchboard/messaging';
import { METRICS_REGISTRY, ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ChannelSenderRegistry } from './channel-sender.registry';
import { INBOX_SECRETS_READER } from './inbox-secrets.port';
import { OutboundDispatcher } from './outbound.dispatcher';
import { StoredInboxSecretsReader } from './stored-inbox-secrets.reader';
import { createOutboundMetrics } from './outbound.metrics';

@Module({
  providers: [
    ChannelSenderRegistry,
    { provide: INBOX_SECRETS_READER, useClass: StoredInboxSecretsReader },
    {
      provide: OutboundDispatcher,
      inject: [BUS, APP_CONFIG, ChannelSenderRegistry, ROOT_LOGGER, METRICS_REGISTRY],
      useFactory: (
        bus: Bus,
        config: AppConfig,
        registry: ChannelSenderRegistry,
        logger: Logger,
        metrics: Registry,
      ) =>
        new OutboundDispatcher({
          bus,
          topics: config.topics,
          groupId: config.outbound.groupId,
          registry,
          retry: config.outbound.retry,
          concurrency: config.outbound.concurrency,
          logger: logger.child({ component: 'outbound-dispatcher' }),
          metrics: createOutboundMetrics(metrics),
        }),
    },
  ],
  exports: [ChannelSenderRegistry, INBOX_SECRETS_READER],
})
export class OutboundModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly dispatcher: OutboundDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start(this.config.bus.kind === 'kafka' ? this.config.bus.partitions : 1);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
