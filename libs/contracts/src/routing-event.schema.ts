// Events the router emits for gateways, consoles and integrators. Every event names its tenant; gateways route by it.
import { z } from 'zod';
import { CustomerLeftReasonSchema } from './customer-left.schema';
import { AgentStatusSchema, ChannelSchema, IdSchema, TimestampSchema } from './primitives.schema';

export const ROUTING_EVENT_V1 = 'switchboard.routing-event.v1';

/** The explanation stored with each routing decision; its inner shape is documented in docs/routing.md. */
export const DecisionReasonSchema = z.record(z.string(), z.unknown());
export type DecisionReason = z.infer<typeof DecisionReasonSchema>;

const Envelope = z.strictObject({
  schema: z.literal(ROUTING_EVENT_V1),
  eventId: IdSchema,
  tenantId: IdSchema,
  /** Per-tenant position in the event log: strictly increasing, so consumers drop what they already saw. */
  seq: z.number().int().positive(),
  at: TimestampSchema,
});

const ConversationQueued = Envelope.extend({
  type: z.literal('conversation.queued'),
  conversationId: IdSchema,
  customerId: IdSchema,
  channel: ChannelSchema,
  queueId: IdSchema.nullable(),
  priority: z.number().int(),
  tier: z.string(),
});

/**
 * A customer wrote again within the reopen window after the conversation was resolved: the same conversation is
 * queued again (it follows as offers do), preferring the agent who had it last.
 */
const ConversationReopened = Envelope.extend({
  type: z.literal('conversation.reopened'),
  conversationId: IdSchema,
  customerId: IdSchema,
  channel: ChannelSchema,
  queueId: IdSchema.nullable(),
  priority: z.number().int(),
  tier: z.string(),
  /** The agent last assigned the conversation, who is preferred for it when eligible. */
  previousAgentId: IdSchema.nullable(),
  /** When it had been resolved. */
  resolvedAt: TimestampSchema,
});

const MessageReceived = Envelope.extend({
  type: z.literal('message.received'),
  conversationId: IdSchema,
  messageId: IdSchema,
  channel: ChannelSchema,
  /** The channel's own id of the message, as the integrator sent it. */
  channelMessageId: z.string(),
  body: z.string(),
  sentAt: TimestampSchema,
  /** The agent who currently owns the conversation, if any; gateways push only to that agent. */
  agentId: IdSchema.nullable(),
});

/**
 * The fields of the offer and assignment events, which consoles receive as they are (console-event.schema.ts
 * puts them in its own envelope), so both contracts say the same thing by construction.
 */
export const OfferCreatedFields = {
  type: z.literal('offer.created'),
  offerId: IdSchema,
  conversationId: IdSchema,
  agentId: IdSchema,
  channel: ChannelSchema,
  /** The offer's deadline: after it the offer expires and the contact is offered elsewhere. */
  expiresAt: TimestampSchema,
  preview: z.string(),
  reason: DecisionReasonSchema,
};

export const OfferClosedFields = {
  type: z.literal('offer.closed'),
  offerId: IdSchema,
  conversationId: IdSchema,
  agentId: IdSchema,
  outcome: z.enum(['accepted', 'declined', 'expired', 'cancelled']),
};

export const AssignmentCreatedFields = {
  type: z.literal('assignment.created'),
  assignmentId: IdSchema,
  offerId: IdSchema.nullable(),
  conversationId: IdSchema,
  agentId: IdSchema,
};

const OfferCreated = Envelope.extend(OfferCreatedFields);
const OfferClosed = Envelope.extend(OfferClosedFields);
const AssignmentCreated = Envelope.extend(AssignmentCreatedFields);

const ConversationResolved = Envelope.extend({
  type: z.literal('conversation.resolved'),
  conversationId: IdSchema,
  agentId: IdSchema.nullable(),
});

/**
 * The customer left before any agent answered (the visitor ended the chat, or an integrator said so): the
 * conversation is closed as abandoned, its pending offer cancelled and its SLA clocks stopped without breach.
 */
const ConversationAbandoned = Envelope.extend({
  type: z.literal('conversation.abandoned'),
  conversationId: IdSchema,
  /** The queue it waited in (null: the implicit default queue). */
  queueId: IdSchema.nullable(),
  channel: ChannelSchema,
  reason: CustomerLeftReasonSchema,
});

const AgentStatusChanged = Envelope.extend({
  type: z.literal('agent.status-changed'),
  agentId: IdSchema,
  status: AgentStatusSchema,
  /** disconnected: no console of theirs stayed connected past the presence grace (ADR 0027). */
  cause: z.enum(['agent', 'missed-offers', 'system', 'disconnected']),
});

/**
 * What wrote an outbound message: an agent's reply, or one the router sends itself (ADR 0025). Absent on
 * events stored before system messages existed, which are all agent replies.
 */
export const OutboundKindSchema = z.enum(['agent', 'auto-ack', 'csat-survey']);
export type OutboundKind = z.infer<typeof OutboundKindSchema>;

/** Where a reply goes: everything a connector needs to send it, so the outbound record is built from this alone. */
const ReplyCreated = Envelope.extend({
  type: z.literal('reply.created'),
  conversationId: IdSchema,
  messageId: IdSchema,
  /** The replying agent; null for a system message (`kind` other than 'agent'). */
  agentId: IdSchema.nullable(),
  kind: OutboundKindSchema.optional(),
  clientMessageId: IdSchema.nullable(),
  channel: ChannelSchema,
  /** The inbox the conversation came through, when it records one. */
  inboxId: IdSchema.nullable(),
  /** The customer's address on the channel (email address, phone number, page-scoped id, X user id). */
  to: z.strictObject({ address: z.string() }),
  threadKey: z.string().nullable(),
  /** The channel message id of the customer's latest message, for channels that thread replies to it. */
  inReplyTo: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  html: z.string().nullable(),
  status: z.literal('queued'),
});

/** A reply's delivery progressed: sent by the connector, delivered (when the platform says so) or failed. */
export const DeliveryStateSchema = z.enum(['sent', 'delivered', 'failed']);
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;

const DeliveryStatus = Envelope.extend({
  type: z.literal('delivery.status'),
  conversationId: IdSchema,
  messageId: IdSchema,
  /** The reply's author, who is pushed the update. */
  agentId: IdSchema.nullable(),
  status: DeliveryStateSchema,
  providerMessageId: z.string().nullable(),
  /** Why a send failed. */
  reason: z.string().nullable(),
});

/** A conversation moved queue: by its agent, a supervisor, or an SLA overflow. Its SLA policy was matched again. */
const ConversationTransferred = Envelope.extend({
  type: z.literal('conversation.transferred'),
  conversationId: IdSchema,
  fromQueueId: IdSchema.nullable(),
  toQueueId: IdSchema.nullable(),
  /** The agent who held it before (offered or assigned), if any; they are pushed the change. */
  agentId: IdSchema.nullable(),
  cause: z.enum(['agent', 'supervisor', 'sla-overflow']),
  note: z.string().nullable(),
  /** The colleague it is offered to, when the agent transferred it to one rather than to a queue. */
  toAgentId: IdSchema.nullable().optional(),
  /** The supervisor or admin who reassigned it (cause `supervisor`). */
  byUserId: IdSchema.nullable().optional(),
});

/** An internal note on the thread (a message with direction internal): for agents and supervisors, never sent. */
const ConversationNoted = Envelope.extend({
  type: z.literal('conversation.noted'),
  conversationId: IdSchema,
  messageId: IdSchema,
  /** The note's writer. */
  agentId: IdSchema,
  channel: ChannelSchema,
  body: z.string(),
});

/** The agent wrapped the conversation up with a disposition; a `conversation.resolved` follows at once. */
const ConversationWrappedUp = Envelope.extend({
  type: z.literal('conversation.wrapped-up'),
  conversationId: IdSchema,
  agentId: IdSchema,
  disposition: z.string(),
  notes: z.string().nullable(),
});

/** The agent is waiting on the customer: response and resolution clocks pause until the customer writes. */
const ConversationAwaitingCustomer = Envelope.extend({
  type: z.literal('conversation.awaiting-customer'),
  conversationId: IdSchema,
  agentId: IdSchema,
});

/** An agent set a follow-up: the conversation comes back to them at `dueAt`. */
const FollowUpScheduled = Envelope.extend({
  type: z.literal('follow-up.scheduled'),
  followUpId: IdSchema,
  conversationId: IdSchema,
  agentId: IdSchema,
  dueAt: TimestampSchema,
  note: z.string().nullable(),
});

const FollowUpCancelled = Envelope.extend({
  type: z.literal('follow-up.cancelled'),
  followUpId: IdSchema,
  conversationId: IdSchema,
  agentId: IdSchema,
});

/**
 * A follow-up came due. A resolved conversation is reopened (a `conversation.reopened` and its offer follow) and is
 * routed preferring the agent; one still open only reminds them.
 */
const FollowUpDue = Envelope.extend({
  type: z.literal('follow-up.due'),
  followUpId: IdSchema,
  conversationId: IdSchema,
  agentId: IdSchema,
  note: z.string().nullable(),
  reopened: z.boolean(),
});

export const SlaTargetNameSchema = z.enum(['firstResponse', 'nextResponse', 'resolution']);

/** One SLA clock outcome: what fired, against which policy and target, and how much business time ran. */
const slaEvent = <T extends 'sla.warning' | 'sla.breached' | 'sla.met'>(type: T) =>
  Envelope.extend({
    type: z.literal(type),
    conversationId: IdSchema,
    /** The agent offered or assigned the conversation, if any; supervisors see every SLA event. */
    agentId: IdSchema.nullable(),
    queueId: IdSchema.nullable(),
    target: SlaTargetNameSchema,
    /** 1 for the target's first run in the conversation (each customer message awaiting a reply is a run). */
    run: z.number().int().positive(),
    policyId: IdSchema.nullable(),
    targetMs: z.number().int().nonnegative(),
    deadline: TimestampSchema.nullable(),
    /** Business ms of the run, pauses excluded, time under an earlier queue's policy included. */
    elapsedMs: z.number().int().nonnegative(),
    carriedOverMs: z.number().int().nonnegative(),
    withinTarget: z.boolean(),
    /** What the policy did about it (warning: onWarning, breach: onBreach). */
    actions: z.array(z.string()),
  });

const CommandRejected = Envelope.extend({
  type: z.literal('command.rejected'),
  commandId: IdSchema,
  /** Null for a reassign from a supervisor or admin without an agent profile (its ack tells them). */
  agentId: IdSchema.nullable(),
  code: z.string(),
  message: z.string(),
});

/** A customer answered the CSAT survey (stored once per conversation); for supervisors and the agent. */
const CsatReceived = Envelope.extend({
  type: z.literal('csat.received'),
  conversationId: IdSchema,
  queueId: IdSchema.nullable(),
  channel: ChannelSchema,
  agentId: IdSchema.nullable(),
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
});

export const RoutingEventV1Schema = z.discriminatedUnion('type', [
  ConversationQueued,
  ConversationReopened,
  MessageReceived,
  OfferCreated,
  OfferClosed,
  AssignmentCreated,
  ConversationResolved,
  ConversationAbandoned,
  AgentStatusChanged,
  CommandRejected,
  ReplyCreated,
  DeliveryStatus,
  ConversationTransferred,
  ConversationAwaitingCustomer,
  ConversationNoted,
  ConversationWrappedUp,
  slaEvent('sla.warning'),
  slaEvent('sla.breached'),
  slaEvent('sla.met'),
  FollowUpScheduled,
  FollowUpCancelled,
  FollowUpDue,
  CsatReceived,
]);
export type RoutingEventV1 = z.infer<typeof RoutingEventV1Schema>;
export type RoutingEventType = RoutingEventV1['type'];
/** An event as the router builds it, before the envelope is stamped. */
export type RoutingEventBody = RoutingEventV1 extends infer E
  ? E extends RoutingEventV1
    ? Omit<E, 'schema' | 'eventId' | 'tenantId' | 'seq' | 'at'>
    : never
  : never;
