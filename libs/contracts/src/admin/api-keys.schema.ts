// Admin API body for integrator API keys; a key is scoped to its tenant and, optionally, to some channels.
import { z } from 'zod';
import { ChannelSchema, StorableTextSchema } from '../primitives.schema';

export const CreateApiKeyBodySchema = z.strictObject({
  name: StorableTextSchema.trim().min(1).max(100),
  /** Channels the key may ingest on; empty (the default) means every channel. */
  channels: z
    .array(ChannelSchema)
    .max(ChannelSchema.options.length)
    .refine((channels) => new Set(channels).size === channels.length, { message: 'channels must not repeat' })
    .default([]),
});
export type CreateApiKeyBody = z.infer<typeof CreateApiKeyBodySchema>;
