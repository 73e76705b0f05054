// The router's answer to one agent command, published after the batch that applied it committed (ADR 0027).
// Ephemeral: gateways read it from latest to answer the console's `command` ack; a lost one leaves that ack
// OUTCOME_UNKNOWN, and the console's event stream still shows what happened.
import { z } from 'zod';
import { IdSchema, storable, TimestampSchema } from './primitives.schema';

export const COMMAND_OUTCOME_V1 = 'switchboard.command-outcome.v1';

export const CommandOutcomeV1Schema = z.discriminatedUnion('ok', [
  z.strictObject({
    schema: z.literal(COMMAND_OUTCOME_V1),
    commandId: IdSchema,
    tenantId: IdSchema,
    /** The sender's agent profile; null for a supervisor's or admin's reassign sent without one. */
    agentId: IdSchema.nullable(),
    ok: z.literal(true),
    at: TimestampSchema,
  }),
  z.strictObject({
    schema: z.literal(COMMAND_OUTCOME_V1),
    commandId: IdSchema,
    tenantId: IdSchema,
    agentId: IdSchema.nullable(),
    ok: z.literal(false),
    /** The code of the `command.rejected` event the router stored for it (OFFER_NOT_LIVE, FORBIDDEN, ...). */
    code: storable(z.string().max(64)),
    message: storable(z.string().max(2000)),
    at: TimestampSchema,
  }),
]);
export type CommandOutcomeV1 = z.infer<typeof CommandOutcomeV1Schema>;
