// Turns a committed `reply.created` event into the connectors' outbound record. The event carries everything
// the record needs, so the live publish and a new owner's republish (from the event log) build the same one.
import { OUTBOUND_MESSAGE_V1, type OutboundMessageV1, type RoutingEventV1 } from '@switchboard/contracts';
import type { OutgoingMessage } from '@switchboard/messaging';

type ReplyCreated = Extract<RoutingEventV1, { type: 'reply.created' }>;

export function outboundRecordOf(event: ReplyCreated): OutboundMessageV1 {
  return {
    schema: OUTBOUND_MESSAGE_V1,
    tenantId: event.tenantId,
    conversationId: event.conversationId,
    messageId: event.messageId,
    agentId: event.agentId,
    ...(event.kind ? { kind: event.kind } : {}),
    channel: event.channel,
    inboxId: event.inboxId,
    to: event.to,
    threadKey: event.threadKey,
    inReplyTo: event.inReplyTo,
    subject: event.subject,
    body: event.body,
    html: event.html,
    createdAt: event.at,
  };
}

/** The outbound messages for a run of events, keyed by conversation so one conversation's replies stay ordered. */
export function outboundMessagesOf(events: readonly RoutingEventV1[]): OutgoingMessage[] {
  return events.flatMap((event) =>
    event.type === 'reply.created'
      ? [
          {
            key: event.conversationId,
            value: JSON.stringify(outboundRecordOf(event)),
            headers: { 'x-tenant-id': event.tenantId, 'x-event-seq': String(event.seq) },
          },
        ]
      : [],
  );
}
