// Reads a Messenger or Instagram webhook: `entry[].messaging[]` events. Customer messages count; our own
// page's echoes and delivery/read receipts do not. Only entries for the inbox's page (or account) id count.
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
import { optional } from './whatsapp-payload.reader';

export function readMessengerPayload(body: unknown, accountId: string): PlatformPayload {
  const payload = emptyPayload();
  for (const rawEntry of asArray(asObject(body)?.entry)) {
    const entry = asObject(rawEntry);
    const to = asText(entry?.id);
    for (const raw of asArray(entry?.messaging)) {
      const event = asObject(raw);
      const message = asObject(event?.message);
      if (!event || !message || message.is_echo === true) continue;
      const id = asText(message.mid);
      const from = asText(asObject(event.sender)?.id);
      if (!id || !from) {
        payload.unreadable.push({
          ...(id ? { id } : {}),
          reason: 'message without mid or sender',
          entry: raw,
        });
      } else if (to !== accountId) {
        payload.unreadable.push({ id, reason: `addressed to account id ${to ?? '(none)'}`, entry: raw });
      } else {
        const attachments = attachmentsOf(message);
        payload.messages.push({
          id,
          from,
          body: asText(message.text) ?? attachments.map((a) => `[${a.name}]`).join(' '),
          ...optional('sentAt', isoFromEpoch(event.timestamp, 'milliseconds')),
          attachments,
        });
      }
    }
  }
  return payload;
}

function attachmentsOf(message: JsonObject): PlatformAttachment[] {
  return asArray(message.attachments).flatMap((raw, index) => {
    const attachment = asObject(raw);
    if (!attachment) return [];
    const type = asText(attachment.type) ?? 'file';
    const url = asText(asObject(attachment.payload)?.url);
    return [
      {
        name: `${type}-${index + 1}`,
        contentType: contentTypeOf(type),
        sizeBytes: 0,
        ...(url ? { url } : {}),
      },
    ];
  });
}

function contentTypeOf(type: string): string {
  switch (type) {
    case 'image':
      return 'image/*';
    case 'video':
      return 'video/*';
    case 'audio':
      return 'audio/*';
    default:
      return 'application/octet-stream';
  }
}
