// The email channel: the SMTP server (email in), attachment downloads, and the EmailSender (email out),
// registered with the connector runtime so agents' replies on email conversations go out through it.
// Composed into the gateway role; it needs the platform (config, database, bus, logger) around it.
import { Module, type OnModuleInit } from '@nestjs/common';
import { ChannelSenderRegistry, OutboundModule } from '@switchboard/channels-core';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { IngestAdmissionGate } from '@switchboard/gateway-api';
import { BUS, type Bus } from '@switchboard/messaging';
import { METRICS_REGISTRY, ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { AttachmentsController } from './blobs/attachments.controller';
import { BLOB_STORE } from './blobs/blob-store.port';
import { LocalDirectoryBlobStore } from './blobs/local-directory.blob-store';
import { createEmailMetrics, EMAIL_METRICS } from './email.metrics';
import { EmailAttachmentKeeper } from './inbound/email-attachment.keeper';
import { EmailInboxDirectory } from './inbound/email-inbox.directory';
import { ReceiveEmail } from './inbound/receive-email.usecase';
import { SmtpInboundServer } from './inbound/smtp-inbound.server';
import { EmailChannelSender } from './outbound/email-channel.sender';
import { EmailSender } from './outbound/email.sender';
import { EmailThreadRefs } from './threading/email-thread-refs.repository';

@Module({
  imports: [OutboundModule],
  controllers: [AttachmentsController],
  providers: [
    {
      provide: BLOB_STORE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDirectoryBlobStore(config.blobs.dir, config.blobs.maxBytes),
    },
    {
      // The same admission rule as REST ingest: past INGEST_MAX_BACKLOG, mail waits in the sender's queue.
      provide: IngestAdmissionGate,
      inject: [BUS, APP_CONFIG, ROOT_LOGGER],
      useFactory: (bus: Bus, config: AppConfig, logger: Logger) =>
        new IngestAdmissionGate({
          bus,
          groupId: config.routerGroupId,
          topic: config.topics.inbound,
          maxBacklog: config.limits.ingestMaxBacklog,
          logger: logger.child({ component: 'email-admission' }),
        }),
    },
    {
      provide: EMAIL_METRICS,
      inject: [METRICS_REGISTRY],
      useFactory: (registry: Registry) => createEmailMetrics(registry),
    },
    EmailThreadRefs,
    EmailInboxDirectory,
    EmailAttachmentKeeper,
    ReceiveEmail,
    SmtpInboundServer,
    EmailSender,
  ],
  exports: [BLOB_STORE, EmailSender, SmtpInboundServer],
})
export class EmailChannelModule implements OnModuleInit {
  constructor(
    private readonly registry: ChannelSenderRegistry,
    private readonly sender: EmailSender,
  ) {}

  onModuleInit(): void {
    this.registry.register(new EmailChannelSender(this.sender));
  }
}
