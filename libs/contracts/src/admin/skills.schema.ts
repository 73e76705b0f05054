// Admin API bodies for the skill catalog: the names agents may hold and contacts may require.
import { z } from 'zod';
import { IdSchema, StorableTextSchema } from '../primitives.schema';

/** Same alphabet as a contact's required skill, so every catalog name can be required by an inbound contact. */
export const SkillNameSchema = IdSchema.max(64);

export const CreateSkillBodySchema = z.strictObject({
  name: SkillNameSchema,
  description: StorableTextSchema.trim().max(500).optional(),
});
export type CreateSkillBody = z.infer<typeof CreateSkillBodySchema>;

export const UpdateSkillBodySchema = z
  .strictObject({
    name: SkillNameSchema.optional(),
    description: StorableTextSchema.trim().max(500).nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' });
export type UpdateSkillBody = z.infer<typeof UpdateSkillBodySchema>;

export const SkillListFiltersSchema = z.object({
  q: StorableTextSchema.trim().min(1).max(100).optional(),
});
export type SkillListFilters = z.infer<typeof SkillListFiltersSchema>;
