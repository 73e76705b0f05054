// What a platform's webhook body carries once read: customer messages, status reports on our replies, and
// entries that cannot be read (dead-lettered with their reason, the rest of the batch still accepted).
import type { DeliveryState } from '@switchboard/contracts';

export interface PlatformAttachment {
  name: string;
  contentType: string;
  sizeBytes: number;
  url?: string;
  /** WhatsApp: the media id its content is fetched by (never a record field). */
  mediaId?: string;
  /** The content's sha256 as the platform states it (WhatsApp), hex or base64. */
  sha256?: string;
}

export interface PlatformMessage {
  /** The platform's message id (wamid, mid, DM event id): the duplicate key. */
  id: string;
  /** The customer: wa_id, PSID, IGSID, X user id. */
  from: string;
  displayName?: string;
  body: string;
  sentAt?: string;
  attachments: PlatformAttachment[];
}

export interface PlatformStatus {
  /** Our reply's id at the platform (the wamid its send returned). */
  providerMessageId: string;
  status: DeliveryState;
  at?: string;
  reason?: string;
}

export interface UnreadableEntry {
  id?: string;
  reason: string;
  entry: unknown;
}

export interface PlatformPayload {
  messages: PlatformMessage[];
  statuses: PlatformStatus[];
  unreadable: UnreadableEntry[];
}

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function asText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A platform timestamp (seconds or milliseconds since the epoch) as ISO-8601, when it is one. */
export function isoFromEpoch(value: unknown, unit: 'seconds' | 'milliseconds'): string | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return undefined;
  const date = new Date(unit === 'seconds' ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function emptyPayload(): PlatformPayload {
  return { messages: [], statuses: [], unreadable: [] };
}
