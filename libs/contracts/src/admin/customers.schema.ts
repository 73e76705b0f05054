// Customer search filters and the preferences a supervisor may set on a profile. The preferences feed
// routing: the preferred agent is tried first (sticky routing), the language narrows eligible agents.
import { z } from 'zod';
import { ChannelSchema, IdSchema, LanguageSchema, StorableTextSchema } from '../primitives.schema';

export const CustomerSearchFiltersSchema = z.strictObject({
  channel: ChannelSchema.optional().describe('Only customers with an identity on this channel.'),
  address: StorableTextSchema.min(1)
    .max(320)
    .optional()
    .describe('Exact identity address (email address, phone, handle); with channel, on that channel only.'),
  displayName: StorableTextSchema.trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Case-insensitive substring of the display name.'),
});
export type CustomerSearchFilters = z.infer<typeof CustomerSearchFiltersSchema>;

export const UpdateCustomerPreferencesBodySchema = z
  .strictObject({
    displayName: StorableTextSchema.trim().min(1).max(200).nullable().optional(),
    preferredLanguage: LanguageSchema.nullable().optional().describe('BCP 47 tag, e.g. en or pt-BR.'),
    preferredAgentId: IdSchema.nullable()
      .optional()
      .describe('An active agent of the same tenant, tried first for this customer; null clears it.'),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });
export type UpdateCustomerPreferencesBody = z.infer<typeof UpdateCustomerPreferencesBodySchema>;
