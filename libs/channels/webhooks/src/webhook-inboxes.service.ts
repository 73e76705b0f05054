// Finds the inbox a webhook URL names, through the secrets port. An unknown inbox and an inbox of another
// channel are the same 404, so the URL space reveals nothing about other channels' inboxes.
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IdSchema, type Channel } from '@switchboard/contracts';
import { WEBHOOK_SECRETS_READER, type WebhookInbox, type WebhookSecretsReader } from './webhook-secrets.port';

@Injectable()
export class WebhookInboxes {
  constructor(@Inject(WEBHOOK_SECRETS_READER) private readonly secrets: WebhookSecretsReader) {}

  async find(channel: Channel, inboxId: string): Promise<WebhookInbox> {
    const inbox = await this.read(inboxId);
    if (inbox && inbox.channel === channel) return inbox;
    throw new DomainError(ErrorCode.NotFound, `No ${channel} inbox ${inboxId}`, [
      { path: 'inboxId', message: `no ${channel} inbox has this id` },
    ]);
  }

  /** The inbox, only if it belongs to the tenant (admin reads). */
  async ofTenant(tenantId: string, inboxId: string): Promise<WebhookInbox> {
    const inbox = await this.read(inboxId);
    if (inbox && inbox.tenantId === tenantId) return inbox;
    throw new DomainError(ErrorCode.NotFound, `No inbox ${inboxId}`, [
      { path: 'inboxId', message: 'no inbox of this tenant has this id' },
    ]);
  }

  /** The store is down: a 503 the platform retries, never a 500. */
  private async read(inboxId: string): Promise<WebhookInbox | undefined> {
    // An id no inbox can have (say, with a NUL) is unknown without asking the store, which could not store it.
    if (!IdSchema.safeParse(inboxId).success) return undefined;
    try {
      return await this.secrets.read(inboxId);
    } catch (error) {
      throw new DomainError(ErrorCode.Unavailable, 'The inbox store is unavailable. Retry later.', [], {
        retryAfterMs: 5_000,
        cause: error,
      });
    }
  }
}
