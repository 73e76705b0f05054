// Inbound webhooks for WhatsApp, Messenger, Instagram and X: the per-inbox endpoints, the delivery log with
// its admin API and pruning. Composed into the gateway role; it needs the platform (config, database, bus,
// logger) around it. Inboxes and their secrets come from the inbox store.
import { Module } from '@nestjs/common';
import { LocalDirectoryBlobStore } from '@switchboard/channels-email';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { IngestAdmissionGate } from '@switchboard/gateway-api';
import { BUS, type Bus } from '@switchboard/messaging';
import { METRICS_REGISTRY, ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ListWebhookDeliveries } from './deliveries/list-webhook-deliveries.usecase';
import { WebhookDeliveriesController } from './deliveries/webhook-deliveries.controller';
import { WebhookDeliveriesPruner } from './deliveries/webhook-deliveries.pruner';
import { MediaUrlGuard } from './media/media-url.guard';
import { WebhookDeliveries } from './deliveries/webhook-deliveries.repository';
import { WebhookMediaFetcher } from './media/webhook-media.fetcher';
import { createWebhookMediaCounter } from './media/webhook-media.metrics';
import { ReceiveWebhook } from './receive-webhook.usecase';
import { WebhookController } from './webhook.controller';
import { WebhookInboxes } from './webhook-inboxes.service';
import { WEBHOOK_SECRETS_READER } from './webhook-secrets.port';
import { StoredWebhookSecretsReader } from './stored-webhook-secrets.reader';
import { VerifyWebhookSubscription } from './webhook-verification.usecase';

@Module({
  controllers: [WebhookController, WebhookDeliveriesController],
  providers: [
    { provide: WEBHOOK_SECRETS_READER, useClass: StoredWebhookSecretsReader },
    {
      // The same admission rule as REST ingest: past INGEST_MAX_BACKLOG, deliveries get 503 and are retried.
      provide: IngestAdmissionGate,
      inject: [BUS, APP_CONFIG, ROOT_LOGGER],
      useFactory: (bus: Bus, config: AppConfig, logger: Logger) =>
        new IngestAdmissionGate({
          bus,
          groupId: config.routerGroupId,
          topic: config.topics.inbound,
          maxBacklog: config.limits.ingestMaxBacklog,
          logger: logger.child({ component: 'webhook-admission' }),
        }),
    },
    {
      // The same directory and limit as the email channel's store, which serves GET /v1/attachments/:id.
      provide: WebhookMediaFetcher,
      inject: [APP_CONFIG, ROOT_LOGGER, METRICS_REGISTRY],
      useFactory: (config: AppConfig, logger: Logger, metrics: Registry) =>
        new WebhookMediaFetcher({
          blobs: new LocalDirectoryBlobStore(config.blobs.dir, config.blobs.maxBytes),
          whatsappBaseUrl: config.channels.whatsappBaseUrl,
          maxBytes: config.blobs.maxBytes,
          urlGuard: new MediaUrlGuard({
            allowHttp: config.urls.allowHttp,
            allowPrivateAddresses: config.webhooks.media.allowPrivateAddresses,
          }),
          fetchTimeoutMs: config.webhooks.media.fetchTimeoutMs,
          budgetMs: config.webhooks.media.budgetMs,
          logger: logger.child({ component: 'webhook-media' }),
          fetched: createWebhookMediaCounter(metrics),
        }),
    },
    WebhookInboxes,
    WebhookDeliveries,
    ReceiveWebhook,
    VerifyWebhookSubscription,
    ListWebhookDeliveries,
    WebhookDeliveriesPruner,
  ],
  exports: [WEBHOOK_SECRETS_READER, WebhookDeliveriesPruner],
})
export class WebhookChannelsModule {}
