// What a console loads on start and on `resync` (GET /v1/console/snapshot): the state its live stream then updates.
// `headSeq` is the event log position the snapshot is consistent with; the console streams from there.
import { z } from 'zod';
import { AgentLoadRowSchema, QueueStatsRowSchema } from './console-event.schema';
import { AgentStatusSchema, ChannelSchema, IdSchema, TimestampSchema } from './primitives.schema';
import { SlaTargetNameSchema } from './routing-event.schema';

/** The nearest SLA deadline of a conversation, for its countdown badge. */
export const SlaCountdownSchema = z.strictObject({
  target: SlaTargetNameSchema,
  deadline: TimestampSchema.nullable(),
  state: z.enum(['running', 'paused', 'warning', 'breached']),
});

export const SnapshotOfferSchema = z.strictObject({
  offerId: IdSchema,
  conversationId: IdSchema,
  channel: ChannelSchema,
  expiresAt: TimestampSchema,
  preview: z.string(),
});

export const SnapshotConversationSchema = z.strictObject({
  conversationId: IdSchema,
  customerId: IdSchema,
  customerName: z.string().nullable(),
  channel: ChannelSchema,
  queueId: IdSchema.nullable(),
  status: z.string(),
  assignedAt: TimestampSchema.nullable(),
  lastMessageAt: TimestampSchema.nullable(),
  lastMessagePreview: z.string().nullable(),
  sla: SlaCountdownSchema.nullable(),
});

export const AgentSnapshotSchema = z.strictObject({
  role: z.literal('agent'),
  tenantId: IdSchema,
  headSeq: z.number().int().nonnegative(),
  agent: z.strictObject({
    agentId: IdSchema,
    name: z.string(),
    status: AgentStatusSchema,
    capacity: z.number().int().nonnegative(),
  }),
  offers: z.array(SnapshotOfferSchema),
  conversations: z.array(SnapshotConversationSchema),
});

export const SupervisorSnapshotSchema = z.strictObject({
  role: z.literal('supervisor'),
  tenantId: IdSchema,
  headSeq: z.number().int().nonnegative(),
  queues: z.array(QueueStatsRowSchema.extend({ name: z.string() })),
  agents: z.array(AgentLoadRowSchema.extend({ name: z.string(), connected: z.boolean().nullable() })),
  /** SLA breaches of the last 24 hours, newest first. */
  breaches: z.array(
    z.strictObject({
      conversationId: IdSchema,
      queueId: IdSchema.nullable(),
      agentId: IdSchema.nullable(),
      target: SlaTargetNameSchema,
      at: TimestampSchema,
    }),
  ),
});

/** Agents get their own work; supervisors and admins the wallboard (an admin with an agent profile picks by `?view=`). */
export const ConsoleSnapshotSchema = z.discriminatedUnion('role', [
  AgentSnapshotSchema,
  SupervisorSnapshotSchema,
]);
export type ConsoleSnapshot = z.infer<typeof ConsoleSnapshotSchema>;
export type AgentSnapshot = z.infer<typeof AgentSnapshotSchema>;
export type SupervisorSnapshot = z.infer<typeof SupervisorSnapshotSchema>;
