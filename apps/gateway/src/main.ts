// The gateway role alone: REST ingest and login, the agents' socket.io namespace, the email channel (SMTP in),
// the social platforms' webhooks and outbound replies.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChatChannelModule } from '@switchboard/channels-chat';
import { EmailChannelModule } from '@switchboard/channels-email';
import type { AppConfig } from '@switchboard/config';
import { SocialChannelsModule } from '@switchboard/channels-social';
import { WebhookChannelsModule } from '@switchboard/channels-webhooks';
import { GatewayApiModule } from '@switchboard/gateway-api';
import { PlatformModule, runProcess } from '@switchboard/platform';

@Module({})
class GatewayAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [
        PlatformModule.forRoot({ service: 'gateway', config }),
        GatewayApiModule,
        EmailChannelModule,
        // Replies go out from the gateway: the outbound dispatcher and the social senders.
        SocialChannelsModule,
        ChatChannelModule,
        // Inbound webhooks (WhatsApp, Messenger, Instagram, X) and their delivery log.
        WebhookChannelsModule,
      ],
    };
  }
}

void runProcess((config) => GatewayAppModule.forRoot(config), undefined, { console: true });
