// How the webhook endpoints learn an inbox: its tenant, channel, account id, default queue and the secrets that
// verify the platform's calls. The inbox store implements it (StoredWebhookSecretsReader); tests may use the in-memory one.
import type { Channel } from '@switchboard/contracts';

export interface WebhookInbox {
  inboxId: string;
  tenantId: string;
  channel: Channel;
  /** The channel's account id: WhatsApp phone-number id, page id, Instagram account id, X account id. */
  address: string;
  /** The default queue's name, which inbound records name. */
  defaultQueueName?: string;
  /** Meta: the app secret that signs X-Hub-Signature-256. */
  appSecret?: string;
  /** Meta: the token we configured in the app dashboard, echoed by the subscription check. */
  verifyToken?: string;
  /** X: the consumer secret that signs CRC answers and x-twitter-webhooks-signature. */
  consumerSecret?: string;
  /** The platform access token (WhatsApp: fetches the customers' media by id). */
  accessToken?: string;
}

export interface WebhookSecretsReader {
  /** The inbox with its decrypted secrets, or undefined when no inbox has this id. */
  read(inboxId: string): Promise<WebhookInbox | undefined>;
}

export const WEBHOOK_SECRETS_READER = Symbol('WEBHOOK_SECRETS_READER');
