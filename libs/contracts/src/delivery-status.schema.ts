// What a connector (or a platform's status webhook) reports about a reply it sent. It travels on the
// agent-commands topic keyed by tenant, so the router (the tenant's single writer) stores it in order with the
// tenant's other input and pushes a `delivery.status` event to the reply's author.
import { z } from 'zod';
import { ChannelSchema, IdSchema, storable, TimestampSchema } from './primitives.schema';
import { DeliveryStateSchema } from './routing-event.schema';

export const DELIVERY_STATUS_V1 = 'switchboard.delivery-status.v1';

const Envelope = z.strictObject({
  schema: z.literal(DELIVERY_STATUS_V1),
  tenantId: IdSchema,
  status: DeliveryStateSchema,
  /** Why a send failed, for the agent and the operator. */
  reason: storable(z.string()).max(1000).optional(),
  at: TimestampSchema,
});

/** Reported by the dispatcher, which knows our message id. */
const ByMessage = Envelope.extend({
  by: z.literal('message'),
  messageId: IdSchema,
  providerMessageId: storable(z.string()).min(1).max(512).optional(),
});

/** Reported by a platform later (WhatsApp `statuses`), which knows only its own message id. */
const ByProvider = Envelope.extend({
  by: z.literal('provider'),
  channel: ChannelSchema,
  providerMessageId: storable(z.string()).min(1).max(512),
});

export const DeliveryStatusV1Schema = z.discriminatedUnion('by', [ByMessage, ByProvider]);
export type DeliveryStatusV1 = z.infer<typeof DeliveryStatusV1Schema>;
