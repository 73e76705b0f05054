// Reads an X Account Activity webhook: `direct_message_events` of type `message_create` sent by someone
// other than the inbox's own account (its own sends come back as events too), with names from `users`.
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
import { optional } from '../meta/whatsapp-payload.reader';

export function readXPayload(body: unknown, accountId: string): PlatformPayload {
  const payload = emptyPayload();
  const root = asObject(body);
  const users = asObject(root?.users) ?? {};
  for (const raw of asArray(root?.direct_message_events)) {
    const event = asObject(raw);
    if (asText(event?.type) !== 'message_create') continue;
    const create = asObject(event?.message_create);
    const id = asText(event?.id);
    const from = asText(create?.sender_id);
    if (!event || !create || !id || !from) {
      payload.unreadable.push({ ...(id ? { id } : {}), reason: 'DM event without id or sender', entry: raw });
      continue;
    }
    if (from === accountId) continue;
    const data = asObject(create.message_data) ?? {};
    const displayName = asText(asObject(users[from])?.name);
    payload.messages.push({
      id,
      from,
      ...(displayName ? { displayName } : {}),
      body: asText(data.text) ?? '',
      ...optional('sentAt', isoFromEpoch(event.created_timestamp, 'milliseconds')),
      attachments: attachmentsOf(data),
    });
  }
  return payload;
}

function attachmentsOf(data: JsonObject): PlatformAttachment[] {
  const media = asObject(asObject(data.attachment)?.media);
  if (!media) return [];
  const url = asText(media.media_url_https);
  const type = asText(media.type) ?? 'media';
  return [
    {
      name: `${type}-${asText(media.id_str) ?? asText(media.id) ?? '1'}`,
      contentType: type === 'photo' ? 'image/jpeg' : 'application/octet-stream',
      sizeBytes: 0,
      ...(url ? { url } : {}),
    },
  ];
}
