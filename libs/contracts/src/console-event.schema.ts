// What the live console receives over socket.io, and the few frames of its resumable-stream protocol.
// Durable events come from the routing event log and carry its per-tenant `seq`; a console resumes from the last
// one it saw. `presence` from connections and `queue.stats` are ephemeral snapshots: `seq` is null, nothing replays.
import { z } from 'zod';
import { AgentStatusSchema, ChannelSchema, IdSchema, TimestampSchema } from './primitives.schema';
import {
  AssignmentCreatedFields,
  DeliveryStateSchema,
  OfferClosedFields,
  OfferCreatedFields,
  SlaTargetNameSchema,
} from './routing-event.schema';

/** The socket.io namespaces: agents take work; supervisors (and admins) watch the wallboard. */
export const ConsoleNamespaces = { agents: '/agents', supervisors: '/supervisors' } as const;

/** Sent by the client in the handshake `auth`: its access token and the last `seq` it applied, if any. */
export const ConsoleHandshakeSchema = z.strictObject({
  token: z.string().min(1),
  lastSeq: z.number().int().nonnegative().optional(),
});
export type ConsoleHandshake = z.infer<typeof ConsoleHandshakeSchema>;

const Envelope = z.strictObject({
  tenantId: IdSchema,
  /** The event log position, or null for an ephemeral snapshot that is never replayed. */
  seq: z.number().int().positive().nullable(),
  at: TimestampSchema,
});
const Durable = Envelope.extend({ seq: z.number().int().positive() });

const OfferCreated = Durable.extend(OfferCreatedFields);
const OfferClosed = Durable.extend(OfferClosedFields);
const AssignmentCreated = Durable.extend(AssignmentCreatedFields);

/** Who wrote a message shown in the console's thread. Internal notes are never sent to the customer. */
export const ConsoleMessageAuthorSchema = z.enum(['customer', 'agent', 'auto-ack', 'csat-survey', 'note']);

const MessageNew = Durable.extend({
  type: z.literal('message.new'),
  conversationId: IdSchema,
  messageId: IdSchema,
  direction: z.enum(['inbound', 'outbound', 'internal']),
  author: ConsoleMessageAuthorSchema,
  /** The conversation's agent (inbound) or the writer (outbound, note); null for system messages. */
  agentId: IdSchema.nullable(),
  channel: ChannelSchema,
  body: z.string(),
  clientMessageId: IdSchema.nullable(),
});

/** A conversation's state changed; `change` says what happened, the other fields are its state after it. */
const ConversationUpdated = Durable.extend({
  type: z.literal('conversation.updated'),
  conversationId: IdSchema,
  change: z.enum([
    'queued',
    'reopened',
    'transferred',
    'awaiting-customer',
    'wrapped-up',
    'resolved',
    'abandoned',
    'follow-up-scheduled',
    'follow-up-cancelled',
    'follow-up-due',
    'csat-received',
  ]),
  /** The agent concerned (who held it, or who it moved to), if any. */
  agentId: IdSchema.nullable(),
  queueId: IdSchema.nullable(),
  channel: ChannelSchema.nullable(),
  /** Extra facts of the change (the transfer's note, the disposition, the CSAT score): documented per change. */
  detail: z.record(z.string(), z.unknown()),
});

const DeliveryStatus = Durable.extend({
  type: z.literal('delivery.status'),
  conversationId: IdSchema,
  messageId: IdSchema,
  agentId: IdSchema.nullable(),
  status: DeliveryStateSchema,
  reason: z.string().nullable(),
});

const slaEvent = <T extends 'sla.warning' | 'sla.breached'>(type: T) =>
  Durable.extend({
    type: z.literal(type),
    conversationId: IdSchema,
    agentId: IdSchema.nullable(),
    queueId: IdSchema.nullable(),
    target: SlaTargetNameSchema,
    deadline: TimestampSchema.nullable(),
    elapsedMs: z.number().int().nonnegative(),
    targetMs: z.number().int().nonnegative(),
  });

/**
 * An agent's presence: their routing status and whether any console of theirs is connected (several tabs count
 * as one). Durable when it comes from a status change in the log; ephemeral (seq null) for connection changes.
 */
const Presence = Envelope.extend({
  type: z.literal('presence'),
  agentId: IdSchema,
  status: AgentStatusSchema,
  connected: z.boolean().nullable(),
  cause: z.enum(['agent', 'missed-offers', 'system', 'disconnected', 'connected']),
});

export const QueueStatsRowSchema = z.strictObject({
  queueId: IdSchema,
  waiting: z.number().int().nonnegative(),
  longestWaitMs: z.number().int().nonnegative(),
  /** Share answered within target today (0..1), null before anything was answered or abandoned today. */
  serviceLevelToday: z.number().min(0).max(1).nullable(),
  asaTodayMs: z.number().int().nonnegative().nullable(),
  answeredToday: z.number().int().nonnegative(),
  abandonedToday: z.number().int().nonnegative(),
});
export type QueueStatsRow = z.infer<typeof QueueStatsRowSchema>;

export const AgentLoadRowSchema = z.strictObject({
  agentId: IdSchema,
  status: AgentStatusSchema,
  /** Conversations held (assigned plus offered), against the agent's capacity. */
  load: z.number().int().nonnegative(),
  capacity: z.number().int().nonnegative(),
});
export type AgentLoadRow = z.infer<typeof AgentLoadRowSchema>;

/** The tenant's live queues and agents, pushed to supervisors when they change (at most every few seconds). */
const QueueStats = Envelope.extend({
  type: z.literal('queue.stats'),
  seq: z.null(),
  queues: z.array(QueueStatsRowSchema),
  agents: z.array(AgentLoadRowSchema),
});

export const ConsoleEventSchema = z.discriminatedUnion('type', [
  OfferCreated,
  OfferClosed,
  AssignmentCreated,
  MessageNew,
  ConversationUpdated,
  DeliveryStatus,
  slaEvent('sla.warning'),
  slaEvent('sla.breached'),
  Presence,
  QueueStats,
]);
export type ConsoleEvent = z.infer<typeof ConsoleEventSchema>;
export type ConsoleEventType = ConsoleEvent['type'];

/** Sent once per connection before anything else; `headSeq` is the tenant's latest event log position. */
export const ConsoleReadySchema = z.strictObject({
  tenantId: IdSchema,
  agentId: IdSchema.nullable(),
  role: z.string(),
  headSeq: z.number().int().nonnegative(),
});

/** After the replay of what a reconnecting console missed: events (fromSeq, toSeq] were sent, in order. */
export const ConsoleReplayedSchema = z.strictObject({
  fromSeq: z.number().int().nonnegative(),
  toSeq: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});

/** The console's cursor is beyond the replay window (or unknown): it reloads its snapshot, then streams from it. */
export const ConsoleResyncSchema = z.strictObject({
  reason: z.enum(['beyond-replay-window', 'cursor-ahead']),
  headSeq: z.number().int().nonnegative(),
});

/** The answer to every `command` a console emits: the router's outcome for that command id, or why not. */
export const CommandAckSchema = z.union([
  z.strictObject({ ok: z.literal(true), commandId: IdSchema }),
  z.strictObject({
    ok: z.literal(false),
    /** Absent when the command was refused before it reached the router (validation, permission). */
    commandId: IdSchema.optional(),
    /** OUTCOME_UNKNOWN: the router did not answer in time; the command may still take effect. */
    code: z.string(),
    message: z.string(),
    errors: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  }),
]);
export type CommandAck = z.infer<typeof CommandAckSchema>;
