// Commands an agent's console sends; the gateway stamps tenant and agent from the verified token.
import { z } from 'zod';
import { AgentStatusSchema, IdSchema, storable, TimestampSchema } from './primitives.schema';

/** A reply's text, as inbound bodies are bounded; html is the same reply for channels that render it. */
export const REPLY_BODY_MAX = 100_000;
export const REPLY_HTML_MAX = 200_000;

export const AGENT_COMMAND_V1 = 'switchboard.agent-command.v1';

const OfferAccept = z.strictObject({ type: z.literal('offer.accept'), offerId: IdSchema });
const OfferDecline = z.strictObject({
  type: z.literal('offer.decline'),
  offerId: IdSchema,
  reason: storable(z.string().max(500)).optional(),
});
const StatusSet = z.strictObject({ type: z.literal('status.set'), status: AgentStatusSchema });
const ConversationResolve = z.strictObject({
  type: z.literal('conversation.resolve'),
  conversationId: IdSchema,
});

const ConversationReply = z.strictObject({
  type: z.literal('conversation.reply'),
  conversationId: IdSchema,
  body: storable(z.string()).min(1).max(REPLY_BODY_MAX),
  html: storable(z.string()).max(REPLY_HTML_MAX).optional(),
  /** The console's own id for this reply: a resend with the same id is stored (and sent) once. */
  clientMessageId: IdSchema.optional(),
});

/** Moves a conversation the agent holds to another queue; its SLA policy is matched again there. */
const ConversationTransfer = z.strictObject({
  type: z.literal('conversation.transfer'),
  conversationId: IdSchema,
  queueId: IdSchema.describe('A queue of the same tenant.'),
  note: storable(z.string().max(500)).optional(),
});

/** The agent asked the customer something: response and resolution clocks pause until the customer writes. */
const ConversationAwaitCustomer = z.strictObject({
  type: z.literal('conversation.await-customer'),
  conversationId: IdSchema,
});

/** How far ahead a follow-up may be set: beyond this it is a calendar entry, not routable work. */
export const FOLLOW_UP_MAX_AHEAD_MS = 90 * 24 * 60 * 60 * 1000;
const FollowUpNote = storable(z.string().max(500));

/**
 * "Check back on this later": at the due time the conversation comes back as routable work for the agent who
 * set it. Give `at` (an instant) or `inMs` (from now); the gateway turns either into `at`.
 */
const ConversationFollowUpInput = z.strictObject({
  type: z.literal('conversation.follow-up'),
  conversationId: IdSchema,
  at: TimestampSchema.optional(),
  inMs: z.number().int().positive().max(FOLLOW_UP_MAX_AHEAD_MS).optional(),
  /** Shown with the offer when the conversation comes back. */
  note: FollowUpNote.optional(),
});
const ConversationFollowUp = z.strictObject({
  type: z.literal('conversation.follow-up'),
  conversationId: IdSchema,
  at: TimestampSchema,
  note: FollowUpNote.optional(),
});

/** Cancels a scheduled follow-up the agent set. */
const ConversationFollowUpCancel = z.strictObject({
  type: z.literal('conversation.follow-up-cancel'),
  followUpId: IdSchema,
});

/** What a console may send over its socket. */
export const AgentCommandInputSchema = z.discriminatedUnion('type', [
  OfferAccept,
  OfferDecline,
  StatusSet,
  ConversationResolve,
  ConversationReply,
  ConversationTransfer,
  ConversationAwaitCustomer,
  ConversationFollowUpInput,
  ConversationFollowUpCancel,
]);
export type AgentCommandInput = z.infer<typeof AgentCommandInputSchema>;

const Envelope = z.strictObject({
  schema: z.literal(AGENT_COMMAND_V1),
  commandId: IdSchema,
  tenantId: IdSchema,
  agentId: IdSchema,
  issuedAt: TimestampSchema,
});

export const AgentCommandV1Schema = z.discriminatedUnion('type', [
  Envelope.extend(OfferAccept.shape),
  Envelope.extend(OfferDecline.shape),
  Envelope.extend(StatusSet.shape),
  Envelope.extend(ConversationResolve.shape),
  Envelope.extend(ConversationReply.shape),
  Envelope.extend(ConversationTransfer.shape),
  Envelope.extend(ConversationAwaitCustomer.shape),
  Envelope.extend(ConversationFollowUp.shape),
  Envelope.extend(ConversationFollowUpCancel.shape),
]);
export type AgentCommandV1 = z.infer<typeof AgentCommandV1Schema>;
