// A tenant's own settings, edited by its admins over `PUT /v1/settings`. A channel list left null falls back
// to the environment's default (AUTO_ACK_CHANNELS, CSAT_CHANNELS), so operators keep a sane default.
import { z } from 'zod';
import { ChannelSchema } from '../primitives.schema';
import { TimeZoneSchema } from './business-hours.schema';

const ChannelListSchema = z
  .array(ChannelSchema)
  .max(ChannelSchema.options.length)
  .refine((list) => new Set(list).size === list.length, { message: 'must not repeat a channel' })
  .nullable();

export const TenantSettingsBodySchema = z.strictObject({
  timeZone: TimeZoneSchema,
  /** Channels whose waiting customers get the auto-acknowledgement; null: the environment's default. */
  autoAckChannels: ChannelListSchema,
  /** Channels whose customers get the CSAT survey after resolution; null: the environment's default. */
  csatChannels: ChannelListSchema,
});
export type TenantSettingsBody = z.infer<typeof TenantSettingsBodySchema>;
