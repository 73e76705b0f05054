// Turns what a platform said into our records: one inbound contact per customer message (checked against the
// same contract the router applies), one provider delivery status per status report, and the reason for each
// entry that cannot become a record.
import {
  DELIVERY_STATUS_V1,
  DeliveryStatusV1Schema,
  INBOUND_CONTACT_V1,
  inboundContactSchemas,
  type DeliveryStatusV1,
  type InboundContactV1,
  type UrlPolicy,
} from '@switchboard/contracts';
import type { PlatformMessage, PlatformPayload, UnreadableEntry } from './platform-payload';
import type { WebhookInbox } from './webhook-secrets.port';

export interface BuiltRecords {
  contacts: InboundContactV1[];
  statuses: DeliveryStatusV1[];
  rejected: UnreadableEntry[];
}

export class WebhookRecordsBuilder {
  private readonly contactSchema: ReturnType<typeof inboundContactSchemas>['record'];

  constructor(urls: UrlPolicy) {
    this.contactSchema = inboundContactSchemas(urls).record;
  }

  build(inbox: WebhookInbox, payload: PlatformPayload, now: Date): BuiltRecords {
    const built: BuiltRecords = { contacts: [], statuses: [], rejected: [...payload.unreadable] };
    const receivedAt = now.toISOString();
    for (const message of payload.messages) {
      const parsed = this.contactSchema.safeParse(contactOf(inbox, message, receivedAt));
      if (parsed.success) built.contacts.push(parsed.data);
      else built.rejected.push({ id: message.id, reason: issuesOf(parsed.error.issues), entry: message });
    }
    for (const status of payload.statuses) {
      const parsed = DeliveryStatusV1Schema.safeParse({
        schema: DELIVERY_STATUS_V1,
        by: 'provider',
        tenantId: inbox.tenantId,
        channel: inbox.channel,
        providerMessageId: status.providerMessageId,
        status: status.status,
        ...(status.reason ? { reason: status.reason.slice(0, 1000) } : {}),
        at: status.at ?? receivedAt,
      });
      if (parsed.success) built.statuses.push(parsed.data);
      else
        built.rejected.push({
          id: status.providerMessageId,
          reason: issuesOf(parsed.error.issues),
          entry: status,
        });
    }
    return built;
  }
}

function contactOf(inbox: WebhookInbox, message: PlatformMessage, receivedAt: string): InboundContactV1 {
  return {
    schema: INBOUND_CONTACT_V1,
    tenantId: inbox.tenantId,
    channel: inbox.channel,
    inboxId: inbox.inboxId,
    channelMessageId: message.id,
    from: { address: message.from, ...(message.displayName ? { displayName: message.displayName } : {}) },
    body: message.body,
    sentAt: message.sentAt ?? receivedAt,
    // One thread per customer and inbox account: a follow-up joins the customer's open conversation.
    threadKey: `${inbox.channel}:${inbox.address}:${message.from}`,
    ...(inbox.defaultQueueName ? { queue: inbox.defaultQueueName } : {}),
    ...(message.attachments.length > 0
      ? // The media id and stated checksum only steer the fetch; the record carries what the contract names.
        {
          attachments: message.attachments.map(({ name, contentType, sizeBytes, url }) => ({
            name,
            contentType,
            sizeBytes,
            ...(url ? { url } : {}),
          })),
        }
      : {}),
    receivedAt,
  };
}

function issuesOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const text = issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`)
    .join('; ');
  return `does not fit the inbound contract: ${text}`;
}
