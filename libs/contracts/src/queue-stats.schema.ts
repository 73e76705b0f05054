// The router's live view of a tenant's queues and agents, published to gateways on an ephemeral topic whenever it
// changed (throttled); gateways push it to supervisors as `queue.stats`. Never stored: the next one supersedes it.
import { z } from 'zod';
import { AgentLoadRowSchema, QueueStatsRowSchema } from './console-event.schema';
import { IdSchema, TimestampSchema } from './primitives.schema';

/** Far above any tenant's queues or agents; bounds what a gateway will parse. */
const MAX_ROWS = 20_000;

export const QUEUE_STATS_V1 = 'switchboard.queue-stats.v1';

export const QueueStatsV1Schema = z.strictObject({
  schema: z.literal(QUEUE_STATS_V1),
  tenantId: IdSchema,
  at: TimestampSchema,
  queues: z.array(QueueStatsRowSchema).max(MAX_ROWS),
  agents: z.array(AgentLoadRowSchema).max(MAX_ROWS),
});
export type QueueStatsV1 = z.infer<typeof QueueStatsV1Schema>;
