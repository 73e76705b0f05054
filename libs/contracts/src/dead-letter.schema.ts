// A rejected record keeps its original bytes and says why, so nothing accepted is silently lost.
import { z } from 'zod';
import { TimestampSchema } from './primitives.schema';

export const DEAD_LETTER_V1 = 'switchboard.dead-letter.v1';

export const DeadLetterV1Schema = z.strictObject({
  schema: z.literal(DEAD_LETTER_V1),
  reason: z.string(),
  /** Machine-readable code, e.g. INVALID_JSON, SCHEMA_VIOLATION, UNKNOWN_TENANT. */
  code: z.string(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })),
  source: z.strictObject({
    topic: z.string(),
    partition: z.number().int(),
    offset: z.string(),
    key: z.string().nullable(),
  }),
  /** The original value, UTF-8 when it decodes cleanly, otherwise base64. */
  value: z.string(),
  valueEncoding: z.enum(['utf8', 'base64']),
  failedAt: TimestampSchema,
});
export type DeadLetterV1 = z.infer<typeof DeadLetterV1Schema>;
