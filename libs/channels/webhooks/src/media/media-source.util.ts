// Where a webhook attachment's content can be fetched from, per platform, and the pure helpers of the fetch:
// stable blob ids and the platforms' checksum spellings. No I/O here.
import { createHash } from 'node:crypto';
import type { Channel } from '@switchboard/contracts';
import type { PlatformAttachment } from '../platform-payload';

/**
 * WhatsApp sends a media id, looked up with the inbox's token; Messenger and Instagram send a CDN URL fetched
 * as is. X DM media need OAuth 1.0a signatures our X sender does not make, so X keeps metadata only.
 */
export type MediaSource =
  { kind: 'whatsapp-media'; mediaId: string; sha256?: string } | { kind: 'direct-url'; url: string };

/** One entry per attachment, in order; undefined where the platform gives nothing we fetch. */
export function mediaSourcesOf(
  channel: Channel,
  attachments: readonly PlatformAttachment[],
): Array<MediaSource | undefined> {
  return attachments.map((attachment): MediaSource | undefined => {
    switch (channel) {
      case 'whatsapp':
        return attachment.mediaId
          ? {
              kind: 'whatsapp-media',
              mediaId: attachment.mediaId,
              ...(attachment.sha256 ? { sha256: attachment.sha256 } : {}),
            }
          : undefined;
      case 'messenger':
      case 'instagram':
        return attachment.url ? { kind: 'direct-url', url: attachment.url } : undefined;
      case 'x':
      case 'email':
      case 'chat':
      case 'voice':
        return undefined;
    }
  });
}

/**
 * 32 hex characters, stable for one attachment of one message: a redelivery taken over after a failed
 * publish overwrites its own blob instead of leaving a copy.
 */
export function mediaBlobId(
  tenantId: string,
  channel: Channel,
  channelMessageId: string,
  index: number,
): string {
  return createHash('sha256')
    .update(`media\n${tenantId}\n${channel}\n${channelMessageId}\n${index}`)
    .digest('hex')
    .slice(0, 32);
}

/**
 * A stated sha256 as lowercase hex. Meta documents it as the file's SHA-256 without naming the encoding, so
 * both hex and base64 are taken; anything else is no usable checksum (undefined), never a refusal.
 */
export function sha256Hex(stated: string | undefined): string | undefined {
  if (stated === undefined) return undefined;
  const trimmed = stated.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return trimmed.toLowerCase();
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return undefined;
  const bytes = Buffer.from(trimmed, /[-_]/.test(trimmed) ? 'base64url' : 'base64');
  return bytes.length === 32 ? bytes.toString('hex') : undefined;
}

/** A content type worth keeping: the platform's own answer when it names a concrete type, else ours. */
export function concreteContentType(answered: string | null | undefined, fallback: string): string {
  const type = answered?.split(';')[0]?.trim().toLowerCase();
  if (!type || type.length > 127 || !/^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type)) return fallback;
  return type === 'application/octet-stream' && !fallback.includes('*') ? fallback : type;
}
