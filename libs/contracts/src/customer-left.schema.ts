// The customer gave up on a conversation: the web chat visitor ended the chat, or an integrator said so over
// REST. It travels on the agent-commands topic keyed by tenant; the router abandons the conversation if no
// agent has answered it yet (`conversation.abandoned`), and otherwise ignores it.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './primitives.schema';

export const CUSTOMER_LEFT_V1 = 'switchboard.customer-left.v1';

export const CustomerLeftReasonSchema = z.enum(['visitor-ended', 'integrator']);
export type CustomerLeftReason = z.infer<typeof CustomerLeftReasonSchema>;

export const CustomerLeftV1Schema = z.strictObject({
  schema: z.literal(CUSTOMER_LEFT_V1),
  tenantId: IdSchema,
  conversationId: IdSchema,
  reason: CustomerLeftReasonSchema,
  /** When the edge learnt it; the abandon is measured at the router's batch like every other fact. */
  at: TimestampSchema,
});
export type CustomerLeftV1 = z.infer<typeof CustomerLeftV1Schema>;
