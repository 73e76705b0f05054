// An in-memory inbox store for tests: inboxes with their secrets, by id.
import type { WebhookInbox, WebhookSecretsReader } from '../webhook-secrets.port';

export class MemoryWebhookSecretsReader implements WebhookSecretsReader {
  private readonly inboxes = new Map<string, WebhookInbox>();

  add(inbox: WebhookInbox): this {
    this.inboxes.set(inbox.inboxId, inbox);
    return this;
  }

  read(inboxId: string): Promise<WebhookInbox | undefined> {
    return Promise.resolve(this.inboxes.get(inboxId));
  }
}
