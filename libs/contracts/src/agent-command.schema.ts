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
/** The same as `conversation.resolve`, under the console's word for it. */
const ConversationClose = z.strictObject({
  type: z.literal('conversation.close'),
  conversationId: IdSchema,
});

/** A note for colleagues on the conversation's thread: stored, shown to agents and supervisors, never sent. */
const ConversationNote = z.strictObject({
  type: z.literal('conversation.note'),
  conversationId: IdSchema,
  body: storable(z.string()).min(1).max(REPLY_BODY_MAX),
});

/** A disposition code: a tenant's own vocabulary ('billing.refund', 'no-answer'), not free text. */
export const DispositionSchema = storable(
  z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a code of letters, digits, dot, dash or underscore (max 64)'),
);

/** Ends the agent's work on the conversation: the disposition (and notes) are stored, then it is resolved. */
const ConversationWrapUp = z.strictObject({
  type: z.literal('conversation.wrap-up'),
  conversationId: IdSchema,
  disposition: DispositionSchema,
  notes: storable(z.string().max(2000)).optional(),
});

const ConversationReply = z.strictObject({
  type: z.literal('conversation.reply'),
  conversationId: IdSchema,
  body: storable(z.string()).min(1).max(REPLY_BODY_MAX),
  html: storable(z.string()).max(REPLY_HTML_MAX).optional(),
  /** The console's own id for this reply: a resend with the same id is stored (and sent) once. */
  clientMessageId: IdSchema.optional(),
});

const TransferNote = storable(z.string().max(500));

/**
 * Moves a conversation the agent holds to another queue (its SLA policy is matched again there), or offers it
 * to one colleague (`agentId`), who must be available with room for it. Give exactly one of the two.
 */
const ConversationTransferInput = z
  .strictObject({
    type: z.literal('conversation.transfer'),
    conversationId: IdSchema,
    queueId: IdSchema.describe('A queue of the same tenant.').optional(),
    agentId: IdSchema.describe('An agent of the same tenant.').optional(),
    note: TransferNote.optional(),
  })
  .refine((t) => (t.queueId === undefined) !== (t.agentId === undefined), {
    message: 'give either queueId or agentId',
    path: ['queueId'],
  });
/**
 * Who issued a transfer from the supervisors' console, stamped by the gateway from the verified token: the router
 * then lets it move any open conversation of the tenant, not only one the sender holds.
 */
export const CommandIssuerSchema = z.strictObject({
  role: z.enum(['supervisor', 'admin']),
  userId: IdSchema,
});
export type CommandIssuer = z.infer<typeof CommandIssuerSchema>;

/**
 * On the topic the target agent is `toAgentId`: `agentId` is the command's sender there (null for a supervisor
 * or admin without an agent profile; `issuedBy` names the issuer).
 */
const ConversationTransfer = z.strictObject({
  type: z.literal('conversation.transfer'),
  conversationId: IdSchema,
  queueId: IdSchema.optional(),
  toAgentId: IdSchema.optional(),
  note: TransferNote.optional(),
  issuedBy: CommandIssuerSchema.optional(),
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

/** What a supervisor's console may send on /supervisors: only a transfer (reassign) of any open conversation. */
export const SupervisorCommandInputSchema = ConversationTransferInput;
export type SupervisorCommandInput = z.infer<typeof SupervisorCommandInputSchema>;

/** What a console may send over its socket. */
export const AgentCommandInputSchema = z.discriminatedUnion('type', [
  OfferAccept,
  OfferDecline,
  StatusSet,
  ConversationResolve,
  ConversationClose,
  ConversationNote,
  ConversationWrapUp,
  ConversationReply,
  ConversationTransferInput,
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
  Envelope.extend(ConversationClose.shape),
  Envelope.extend(ConversationNote.shape),
  Envelope.extend(ConversationWrapUp.shape),
  Envelope.extend(ConversationReply.shape),
  // A supervisor or admin without an agent profile sends a reassign as nobody's agent: `agentId` null, and
  // `issuedBy` names them. Every other command comes from an agent.
  Envelope.extend({ ...ConversationTransfer.shape, agentId: IdSchema.nullable() }),
  Envelope.extend(ConversationAwaitCustomer.shape),
  Envelope.extend(ConversationFollowUp.shape),
  Envelope.extend(ConversationFollowUpCancel.shape),
]);
export type AgentCommandV1 = z.infer<typeof AgentCommandV1Schema>;
