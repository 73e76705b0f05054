// How a sender gets the credentials of the inbox a reply goes out through. The inbox store (with its
// encrypted secrets) implements it (StoredInboxSecretsReader); tests use MemoryInboxSecretsReader.
import type { Channel } from '@switchboard/contracts';

export interface InboxRef {
  tenantId: string;
  channel: Channel;
  /** The conversation's inbox; null when it records none, and then the tenant's inbox for the channel. */
  inboxId: string | null;
}

export interface InboxCredentials {
  inboxId: string;
  /** The channel's account id for the inbox: WhatsApp phone-number id, page id, X account id. */
  accountId: string;
  /** Bearer token for the platform's send API. */
  accessToken: string;
}

export interface InboxSecretsReader {
  /** The inbox's credentials, or undefined when it has none (a permanent failure for its replies). */
  read(ref: InboxRef): Promise<InboxCredentials | undefined>;
}

export const INBOX_SECRETS_READER = Symbol('INBOX_SECRETS_READER');
