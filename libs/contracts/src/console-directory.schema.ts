// GET /v1/console/directory: the names a console shows for ids and offers in its transfer pickers. Any signed-in
// user of the tenant may read it, so it carries names and presence only: no emails or other personal data.
import { z } from 'zod';
import { AgentStatusSchema, IdSchema } from './primitives.schema';

/** Most entries of each list returned; a tenant beyond it gets `truncated: true` (the pickers then allow an id). */
export const CONSOLE_DIRECTORY_MAX = 1000;

/**
 * `q`: only queues whose name, and agents whose name or email, starts with it (case-insensitive); emails are
 * matched, never returned. `limit`: at most this many of each list (1 to CONSOLE_DIRECTORY_MAX, the default).
 */
export const ConsoleDirectoryQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(CONSOLE_DIRECTORY_MAX).optional(),
});
export type ConsoleDirectoryQuery = z.infer<typeof ConsoleDirectoryQuerySchema>;

export const ConsoleDirectorySchema = z.strictObject({
  queues: z.array(z.strictObject({ id: IdSchema, name: z.string() })),
  /** Active agents only (deactivated profiles take no work), with their routing status. */
  agents: z.array(z.strictObject({ id: IdSchema, name: z.string(), status: AgentStatusSchema })),
  truncated: z.boolean(),
});
export type ConsoleDirectory = z.infer<typeof ConsoleDirectorySchema>;
