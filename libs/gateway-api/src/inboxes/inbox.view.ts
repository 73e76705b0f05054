// How an inbox looks over the API. Secrets never leave in full: each of the channel's secrets shows whether it
// is set and, for long ones, its last four characters, enough to tell which value is configured.
import {
  ChannelSchema,
  INBOX_SECRET_NAMES,
  inboxWebhookPath,
  type Channel,
  type InboxSecretName,
} from '@switchboard/contracts';
import type { Inbox, InboxSecrets } from '@switchboard/persistence';

export interface InboxSecretView {
  set: boolean;
  /** `…` and the last 4 characters of a secret of at least 12; null otherwise or when it cannot be read. */
  hint: string | null;
}

export interface InboxView {
  id: string;
  channel: Channel;
  name: string;
  address: string;
  defaultQueueId: string | null;
  active: boolean;
  /** Where the platform posts (path on this server), for channels that call back; null for the others. */
  webhookUrl: string | null;
  secrets: Partial<Record<InboxSecretName, InboxSecretView>>;
  /** Chat inboxes: the sites that may embed the widget; empty means the server-wide CHAT_ORIGINS. */
  allowedOrigins: string[];
  createdAt: string;
  updatedAt: string;
}

const HINT_MIN_LENGTH = 12;

/** `secrets` null: sealed secrets this process cannot open; each stored one shows as set without a hint. */
export function toInboxView(inbox: Inbox, secrets: InboxSecrets | null): InboxView {
  const channel = ChannelSchema.parse(inbox.channel);
  const view: InboxView['secrets'] = {};
  for (const name of INBOX_SECRET_NAMES[channel]) {
    const value = secrets?.[name];
    view[name] =
      secrets === null
        ? { set: inbox.secretsCiphertext !== null, hint: null }
        : { set: value !== undefined, hint: value !== undefined ? hintOf(value) : null };
  }
  return {
    id: inbox.id,
    channel,
    name: inbox.name,
    address: inbox.address,
    defaultQueueId: inbox.defaultQueueId,
    active: inbox.active,
    webhookUrl: inboxWebhookPath(channel, inbox.id),
    secrets: view,
    allowedOrigins: inbox.allowedOrigins,
    createdAt: inbox.createdAt.toISOString(),
    updatedAt: inbox.updatedAt.toISOString(),
  };
}

function hintOf(value: string): string | null {
  return value.length >= HINT_MIN_LENGTH ? `…${value.slice(-4)}` : null;
}
