// Registers the social platforms' senders (WhatsApp, Messenger, Instagram, X) with the connector runtime.
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import {
  ChannelSenderRegistry,
  INBOX_SECRETS_READER,
  OutboundModule,
  type InboxSecretsReader,
} from '@switchboard/channels-core';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { MetaSendApiSender } from './meta-send-api.sender';
import { WhatsAppSender } from './whatsapp.sender';
import { XDmSender } from './x-dm.sender';

@Module({ imports: [OutboundModule], exports: [OutboundModule] })
export class SocialChannelsModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelSenderRegistry,
    @Inject(INBOX_SECRETS_READER) private readonly secrets: InboxSecretsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const { channels, outbound } = this.config;
    const deps = (baseUrl: string) => ({ baseUrl, secrets: this.secrets, timeoutMs: outbound.sendTimeoutMs });
    this.registry.register(new WhatsAppSender(deps(channels.whatsappBaseUrl)));
    this.registry.register(new MetaSendApiSender('messenger', deps(channels.metaGraphBaseUrl)));
    this.registry.register(new MetaSendApiSender('instagram', deps(channels.metaGraphBaseUrl)));
    this.registry.register(new XDmSender(deps(channels.xBaseUrl)));
  }
}
