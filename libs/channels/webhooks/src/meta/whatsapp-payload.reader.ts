// Reads a WhatsApp Cloud API webhook: `entry[].changes[].value` holds `messages` (with the senders' names in
// `contacts`) and `statuses` on the replies we sent. Only changes for the inbox's phone-number id count.
import type { DeliveryState } from '@switchboard/contracts';
import {
  asArray,
  asObject,
  asText,
  emptyPayload,
  isoFromEpoch,
  type JsonObject,
  type PlatformAttachment,
  type PlatformPayload,
} from '../platform-payload';

/** WhatsApp's `read` is more than delivered, which is the furthest state we record. */
const WHATSAPP_STATES: Partial<Record<string, DeliveryState>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  failed: 'failed',
};

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;

export function readWhatsAppPayload(body: unknown, phoneNumberId: string): PlatformPayload {
  const payload = emptyPayload();
  for (const entry of asArray(asObject(body)?.entry)) {
    for (const change of asArray(asObject(entry)?.changes)) {
      const value = asObject(asObject(change)?.value);
      if (!value) continue;
      const to = asText(asObject(value.metadata)?.phone_number_id);
      const names = contactNames(value.contacts);
      for (const raw of asArray(value.messages)) {
        const message = asObject(raw);
        const id = asText(message?.id);
        const from = asText(message?.from);
        if (!message || !id || !from) {
          payload.unreadable.push({
            ...(id ? { id } : {}),
            reason: 'message without id or from',
            entry: raw,
          });
        } else if (to !== phoneNumberId) {
          payload.unreadable.push({
            id,
            reason: `addressed to phone-number id ${to ?? '(none)'}`,
            entry: raw,
          });
        } else {
          const displayName = names.get(from);
          payload.messages.push({
            id,
            from,
            ...(displayName ? { displayName } : {}),
            body: bodyOf(message),
            ...optional('sentAt', isoFromEpoch(message.timestamp, 'seconds')),
            attachments: attachmentsOf(message),
          });
        }
      }
      for (const raw of asArray(value.statuses)) readStatus(raw, payload);
    }
  }
  return payload;
}

function readStatus(raw: unknown, payload: PlatformPayload): void {
  const status = asObject(raw);
  const id = asText(status?.id);
  const state = stateOf(asText(status?.status));
  if (!status || !id || !state) {
    payload.unreadable.push({
      ...(id ? { id } : {}),
      reason: 'status without id or known status',
      entry: raw,
    });
    return;
  }
  const error = asObject(asArray(status.errors)[0]);
  const reason = error
    ? [asText(error.code), asText(error.title), asText(error.message)].filter(Boolean)
    : [];
  payload.statuses.push({
    providerMessageId: id,
    status: state,
    ...optional('at', isoFromEpoch(status.timestamp, 'seconds')),
    ...(reason.length > 0 ? { reason: reason.join(': ') } : {}),
  });
}

/** WhatsApp's `read` is more than delivered, which is the furthest state we record. */
function stateOf(status: string | undefined): DeliveryState | undefined {
  return status === undefined ? undefined : WHATSAPP_STATES[status];
}

function contactNames(contacts: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const raw of asArray(contacts)) {
    const contact = asObject(raw);
    const waId = asText(contact?.wa_id);
    const name = asText(asObject(contact?.profile)?.name);
    if (waId && name) names.set(waId, name);
  }
  return names;
}

function bodyOf(message: JsonObject): string {
  const type = asText(message.type) ?? 'unknown';
  const text = asText(asObject(message.text)?.body);
  if (text) return text;
  const media = asObject(message[type]);
  const caption = asText(media?.caption);
  if (caption) return caption;
  const button = asText(asObject(message.button)?.text);
  if (button) return button;
  return `[${type}]`;
}

/** Media metadata: WhatsApp sends a media id (fetched with the access token), never a public URL or size. */
function attachmentsOf(message: JsonObject): PlatformAttachment[] {
  const attachments: PlatformAttachment[] = [];
  for (const type of MEDIA_TYPES) {
    const media = asObject(message[type]);
    if (!media) continue;
    const mediaId = asText(media.id);
    const sha256 = asText(media.sha256);
    attachments.push({
      name: asText(media.filename) ?? `${type}-${mediaId ?? 'media'}`,
      contentType: asText(media.mime_type) ?? 'application/octet-stream',
      sizeBytes: 0,
      ...(mediaId ? { mediaId } : {}),
      ...(sha256 ? { sha256 } : {}),
    });
  }
  return attachments;
}

export function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
