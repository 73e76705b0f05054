// Every role in one process. With no KAFKA_BROKERS or DATABASE_URL this is the embedded default.
import { Module, type DynamicModule } from '@nestjs/common';
import { ChatChannelModule } from '@switchboard/channels-chat';
import { EmailChannelModule } from '@switchboard/channels-email';
import type { AppConfig } from '@switchboard/config';
import { SocialChannelsModule } from '@switchboard/channels-social';
import { WebhookChannelsModule } from '@switchboard/channels-webhooks';
import { GatewayApiModule } from '@switchboard/gateway-api';
import { BusJournalModule } from '@switchboard/persistence';
import { PlatformModule } from '@switchboard/platform';
import { RoutingServiceModule } from '@switchboard/routing-service';
import { DemoTenantBootstrap } from './demo-tenant.bootstrap';

@Module({})
export class SwitchboardModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: SwitchboardModule,
      imports: [
        PlatformModule.forRoot({ service: 'switchboard', config }),
        // On the embedded default (in-process bus, PGlite) the bus journals to the database (ADR 0006).
        BusJournalModule,
        RoutingServiceModule,
        GatewayApiModule,
        EmailChannelModule,
        SocialChannelsModule,
        ChatChannelModule,
        // Inbound webhooks (WhatsApp, Messenger, Instagram, X) and their delivery log.
        WebhookChannelsModule,
      ],
      providers: [DemoTenantBootstrap],
    };
  }
}
