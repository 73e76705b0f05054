// Keeps the webhook delivery log within WEBHOOK_RETENTION_DAYS: on a timer, deletes what is older in batches
// through the received-at index. Every gateway runs it; the deletes are idempotent, so overlap is harmless.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ROOT_LOGGER } from '@switchboard/observability';
import { PeriodicPass } from '@switchboard/platform';
import type { Logger } from 'pino';
import { WebhookDeliveries } from './webhook-deliveries.repository';

const DAY_MS = 86_400_000;

@Injectable()
export class WebhookDeliveriesPruner extends PeriodicPass {
  private readonly logger: Logger;

  constructor(
    private readonly deliveries: WebhookDeliveries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    super(config.webhooks.pruneIntervalMs);
    this.logger = logger.child({ component: 'webhook-pruner' });
  }

  protected async pass(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.webhooks.retentionDays * DAY_MS);
    try {
      const deleted = await this.deliveries.prune(cutoff);
      if (deleted > 0) this.logger.info({ deleted, cutoff }, 'pruned expired webhook deliveries');
    } catch (error) {
      this.logger.warn({ err: error }, 'pruning webhook deliveries failed; next pass retries');
    }
  }
}
