// Admin API bodies for teams: named groups of a tenant's agents.
import { z } from 'zod';
import { IdSchema, StorableTextSchema } from '../primitives.schema';

const TeamNameSchema = StorableTextSchema.trim().min(1).max(100);
const DescriptionSchema = StorableTextSchema.trim().max(500);

export const CreateTeamBodySchema = z.strictObject({
  name: TeamNameSchema,
  description: DescriptionSchema.optional(),
});
export type CreateTeamBody = z.infer<typeof CreateTeamBodySchema>;

export const UpdateTeamBodySchema = z
  .strictObject({
    name: TeamNameSchema.optional(),
    description: DescriptionSchema.nullable().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' });
export type UpdateTeamBody = z.infer<typeof UpdateTeamBodySchema>;

/** Replaces the whole member list; an empty list empties the team. */
export const ReplaceTeamMembersBodySchema = z.strictObject({
  agentIds: z
    .array(IdSchema)
    .max(1000)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'agent ids must not repeat' }),
});
export type ReplaceTeamMembersBody = z.infer<typeof ReplaceTeamMembersBodySchema>;

export const TeamListFiltersSchema = z.object({
  /** Case-insensitive substring of the team name. */
  q: StorableTextSchema.trim().min(1).max(100).optional(),
});
export type TeamListFilters = z.infer<typeof TeamListFiltersSchema>;
