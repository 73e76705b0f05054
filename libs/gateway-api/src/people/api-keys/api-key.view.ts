// How an API key looks over the API: never its secret or hash. The full key is shown once, on creation.
import type { ApiKey } from '@switchboard/persistence';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  channels: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKeyView extends ApiKeyView {
  /** The full key. It is not stored and cannot be shown again. */
  key: string;
}

export function toApiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    channels: key.channels,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
