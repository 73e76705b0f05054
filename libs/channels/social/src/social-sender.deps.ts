// What every social sender needs: where the platform's API is, how long to wait for it, and the inbox secrets.
import {
  PermanentSendError,
  type InboxCredentials,
  type InboxSecretsReader,
} from '@switchboard/channels-core';
import type { OutboundMessageV1 } from '@switchboard/contracts';

export interface SocialSenderDeps {
  /** The API base, version included where the platform has one; no trailing slash. */
  baseUrl: string;
  secrets: InboxSecretsReader;
  timeoutMs: number;
}

/** The inbox's credentials, or a permanent failure: without them no retry can succeed. */
export async function credentialsFor(
  secrets: InboxSecretsReader,
  message: OutboundMessageV1,
): Promise<InboxCredentials> {
  const found = await secrets.read({
    tenantId: message.tenantId,
    channel: message.channel,
    inboxId: message.inboxId,
  });
  if (!found) {
    throw new PermanentSendError(
      `No ${message.channel} inbox with an access token${message.inboxId ? ` (inbox ${message.inboxId})` : ''}`,
    );
  }
  return found;
}

/** A field of a JSON answer, when it is a non-empty string. */
export function stringAt(value: unknown, ...path: Array<string | number>): string | undefined {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return typeof at === 'string' && at.length > 0 ? at : undefined;
}
