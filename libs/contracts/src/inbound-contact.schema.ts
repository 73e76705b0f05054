// The record an integrator produces for every customer message, whatever the channel.
import { z } from 'zod';
import {
  ChannelSchema,
  CustomerTierSchema,
  IdSchema,
  LanguageSchema,
  SkillRequirementSchema,
  TimestampSchema,
} from './primitives.schema';

export const INBOUND_CONTACT_V1 = 'switchboard.inbound-contact.v1';

export const AttachmentSchema = z.strictObject({
  name: z.string().min(1).max(255),
  contentType: z.string().min(3).max(127),
  sizeBytes: z.number().int().nonnegative().max(1_000_000_000),
  url: z.url().max(2048).optional(),
});

/** Fields an integrator sends; the tenant comes from the API key (REST) or the record (Kafka). */
export const InboundContactBodySchema = z.strictObject({
  channel: ChannelSchema,
  channelMessageId: z.string().min(1).max(256),
  from: z.strictObject({
    address: z.string().min(1).max(320),
    displayName: z.string().max(200).optional(),
  }),
  body: z.string().max(100_000),
  subject: z.string().max(998).optional(),
  sentAt: TimestampSchema,
  /** The channel's own thread id (an email's root Message-ID, a chat session id); without it, threading is per customer and channel. */
  threadKey: z.string().min(1).max(998).optional(),
  language: LanguageSchema.optional(),
  queue: IdSchema.optional(),
  priority: z.number().int().min(0).max(100).optional(),
  tier: CustomerTierSchema.optional(),
  requiredSkills: z.array(SkillRequirementSchema).max(20).optional(),
  attachments: z.array(AttachmentSchema).max(50).optional(),
});
export type InboundContactBody = z.infer<typeof InboundContactBodySchema>;

export const InboundContactV1Schema = InboundContactBodySchema.extend({
  schema: z.literal(INBOUND_CONTACT_V1),
  tenantId: IdSchema,
  /** When the edge accepted it; the SLA clock starts here. */
  receivedAt: TimestampSchema,
});
export type InboundContactV1 = z.infer<typeof InboundContactV1Schema>;
