// A typing indicator between an agent and a web-chat visitor, carried between gateways on the typing topic.
// Ephemeral: it is never stored, a stale one is dropped, and a lost one is harmless (the next keystroke sends
// another, and the widget clears "typing" by itself).
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './primitives.schema';

export const TYPING_SIGNAL_V1 = 'switchboard.typing.v1';

export const TypingSignalV1Schema = z.strictObject({
  schema: z.literal(TYPING_SIGNAL_V1),
  tenantId: IdSchema,
  conversationId: IdSchema,
  /** The conversation's assigned agent: the typist when `from` is agent, the one told otherwise. */
  agentId: IdSchema,
  from: z.enum(['agent', 'visitor']),
  /** The visitor typing (when `from` is visitor). */
  visitorId: IdSchema.optional(),
  typing: z.boolean(),
  at: TimestampSchema,
  /** The gateway instance that published it, which has already shown it to its own sockets. */
  origin: IdSchema,
});
export type TypingSignalV1 = z.infer<typeof TypingSignalV1Schema>;
