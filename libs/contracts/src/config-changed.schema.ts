// Tells the router that an admin changed routing configuration, so it re-reads that entity from the database
// and re-evaluates waiting work (routing rule: decisions are re-evaluated on every policy change).
// It travels on the agent-commands topic, keyed by tenant, so it is ordered with the tenant's other commands.
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './primitives.schema';

export const CONFIG_CHANGED_V1 = 'switchboard.config-changed.v1';

export const ConfigChangedV1Schema = z.strictObject({
  schema: z.literal(CONFIG_CHANGED_V1),
  tenantId: IdSchema,
  entity: z.enum(['agent', 'queue', 'routing-policy', 'sla-policy', 'business-hours', 'settings']),
  id: IdSchema,
  changedAt: TimestampSchema,
});
export type ConfigChangedV1 = z.infer<typeof ConfigChangedV1Schema>;
