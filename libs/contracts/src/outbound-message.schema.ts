// The record a connector sends: one agent reply on its way out through the channel the customer used. The
// router's event log feeds it (every `reply.created` event becomes one), keyed by conversation so one
// conversation's replies stay in order.
import { z } from 'zod';
import { REPLY_BODY_MAX, REPLY_HTML_MAX } from './agent-command.schema';
import { OutboundKindSchema } from './routing-event.schema';
import { ChannelSchema, IdSchema, storable, TimestampSchema } from './primitives.schema';

export const OUTBOUND_MESSAGE_V1 = 'switchboard.outbound-message.v1';

const text = (max: number) => storable(z.string()).max(max);

export const OutboundMessageV1Schema = z.strictObject({
  schema: z.literal(OUTBOUND_MESSAGE_V1),
  tenantId: IdSchema,
  conversationId: IdSchema,
  /** The stored reply's id: connectors report delivery status against it. */
  messageId: IdSchema,
  /** null for a system message (auto-acknowledgement, CSAT survey). */
  agentId: IdSchema.nullable(),
  /** Absent means an agent's reply (records written before system messages existed). */
  kind: OutboundKindSchema.optional(),
  channel: ChannelSchema,
  /** The inbox the conversation came through, when it records one; senders resolve credentials with it. */
  inboxId: IdSchema.nullable(),
  /** The customer's address on the channel (email address, phone number, page-scoped id, X user id). */
  to: z.strictObject({ address: text(320).min(1) }),
  /** The channel's thread handle (an email's root Message-ID, a chat session id). */
  threadKey: text(998).nullable(),
  /** The channel message id of the customer's latest message, for channels that thread replies to it. */
  inReplyTo: text(256).nullable(),
  subject: text(998).nullable(),
  body: text(REPLY_BODY_MAX),
  html: text(REPLY_HTML_MAX).nullable(),
  createdAt: TimestampSchema,
});
export type OutboundMessageV1 = z.infer<typeof OutboundMessageV1Schema>;
