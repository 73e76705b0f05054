// GET /v1/console/directory: the names a console shows for ids and offers in its transfer pickers. Any signed-in
// user of the tenant may read it, so it carries names and presence only: no emails or other personal data.
import { z } from 'zod';
import { AgentStatusSchema, IdSchema } from './primitives.schema';

/** Most entries of each list returned; a tenant beyond it gets `truncated: true` (the pickers then allow an id). */
export const CONSOLE_DIRECTORY_MAX = 1000;

export const ConsoleDirectorySchema = z.strictObject({
  queues: z.array(z.strictObject({ id: IdSchema, name: z.string() })),
  /** Active agents only (deactivated profiles take no work), with their routing status. */
  agents: z.array(z.strictObject({ id: IdSchema, name: z.string(), status: AgentStatusSchema })),
  truncated: z.boolean(),
});
export type ConsoleDirectory = z.infer<typeof ConsoleDirectorySchema>;
