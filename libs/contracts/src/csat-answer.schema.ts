// A customer's answer to the CSAT survey, as the edge that took it (the chat visitors' socket) stored it. It
// travels on the agent-commands topic keyed by tenant, so the router announces it (`csat.received`) in order
// with the tenant's other events, to supervisors and the agent who handled the conversation (ADR 0025).
import { z } from 'zod';
import { ChannelSchema, IdSchema, storable, TimestampSchema } from './primitives.schema';

export const CSAT_ANSWER_V1 = 'switchboard.csat-answer.v1';

export const CsatScoreSchema = z.number().int().min(1).max(5);

export const CsatAnswerV1Schema = z.strictObject({
  schema: z.literal(CSAT_ANSWER_V1),
  tenantId: IdSchema,
  conversationId: IdSchema,
  /** The conversation's queue, for per-queue satisfaction (null: the implicit default queue). */
  queueId: IdSchema.nullable(),
  channel: ChannelSchema,
  /** The agent who last had the conversation. */
  agentId: IdSchema.nullable(),
  score: CsatScoreSchema,
  comment: storable(z.string()).max(2000).nullable(),
  at: TimestampSchema,
});
export type CsatAnswerV1 = z.infer<typeof CsatAnswerV1Schema>;
