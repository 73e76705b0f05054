// Which agents have a console connected to a gateway, sent by that gateway to the router on the agent-commands
// topic (keyed by tenant, so it is ordered with the tenant's commands). `connected`/`disconnected` on a change,
// and a periodic `heartbeat` listing them all, which is the gateway's lease: a gateway that dies stops renewing
// it, and its agents count as gone once it runs out (ADR 0027).
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './primitives.schema';

export const PRESENCE_V1 = 'switchboard.presence.v1';

/** Agents of one tenant in one record; a gateway with more sends several. */
export const PRESENCE_MAX_AGENTS = 5000;

export const PresenceV1Schema = z.strictObject({
  schema: z.literal(PRESENCE_V1),
  tenantId: IdSchema,
  /** The gateway instance (random per process start). */
  gatewayId: IdSchema,
  kind: z.enum(['connected', 'disconnected', 'heartbeat']),
  /** connected/disconnected: the agents that changed; heartbeat: every agent connected there now. */
  agentIds: z.array(IdSchema).max(PRESENCE_MAX_AGENTS),
  at: TimestampSchema,
});
export type PresenceV1 = z.infer<typeof PresenceV1Schema>;
