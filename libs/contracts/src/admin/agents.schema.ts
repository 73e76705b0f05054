// Admin API bodies and filters for agents: who takes work, with which skills, languages and capacity.
import { z } from 'zod';
import { AgentStatusSchema, LanguageSchema, StorableTextSchema, storable } from '../primitives.schema';
import { SkillNameSchema } from './skills.schema';

const MAX_SKILLS_PER_AGENT = 100;

/** Skill name -> proficiency 1..10; the same shape the router reads. */
export const AgentSkillsSchema = z
  .record(SkillNameSchema, z.number().int().min(1).max(10))
  .refine((skills) => Object.keys(skills).length <= MAX_SKILLS_PER_AGENT, {
    message: `at most ${MAX_SKILLS_PER_AGENT} skills`,
  });

const UnitsSchema = z.number().int().min(0).max(50);

/** Concurrent units per channel class; a class left out has no capacity. */
export const AgentCapacitySchema = z.strictObject({
  chat: UnitsSchema.optional(),
  email: UnitsSchema.optional(),
  social: UnitsSchema.optional(),
  voice: UnitsSchema.optional(),
});
export type AgentCapacity = z.infer<typeof AgentCapacitySchema>;

export const AgentLanguagesSchema = z
  .array(LanguageSchema)
  .max(20)
  .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, {
    message: 'languages must not repeat',
  });

const DisplayNameSchema = StorableTextSchema.trim().min(1).max(200);
const AgentEmailSchema = storable(z.email()).max(254).toLowerCase();
/** Cap across all channels; null means only the per-channel limits apply. */
const MaxUnitsSchema = z.number().int().min(1).max(200).nullable();

export const CreateAgentBodySchema = z.strictObject({
  displayName: DisplayNameSchema,
  email: AgentEmailSchema,
  skills: AgentSkillsSchema.default({}),
  languages: AgentLanguagesSchema.default([]),
  capacity: AgentCapacitySchema,
  maxUnits: MaxUnitsSchema.optional(),
});
export type CreateAgentBody = z.infer<typeof CreateAgentBodySchema>;

/** Partial update; `skills`, `languages` and `capacity` replace the stored value as a whole. */
export const UpdateAgentBodySchema = z
  .strictObject({
    displayName: DisplayNameSchema.optional(),
    email: AgentEmailSchema.optional(),
    skills: AgentSkillsSchema.optional(),
    languages: AgentLanguagesSchema.optional(),
    capacity: AgentCapacitySchema.optional(),
    maxUnits: MaxUnitsSchema.optional(),
    /** false takes the agent out of routing (as DELETE does); true brings a deactivated agent back. */
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'at least one field is required' });
export type UpdateAgentBody = z.infer<typeof UpdateAgentBodySchema>;

/** Query-string filters for listing agents (combined with the pagination parameters). */
export const AgentListFiltersSchema = z.object({
  status: AgentStatusSchema.optional(),
  skill: SkillNameSchema.optional(),
  language: LanguageSchema.optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  /** Case-insensitive substring of the display name or email. */
  q: StorableTextSchema.trim().min(1).max(200).optional(),
});
export type AgentListFilters = z.infer<typeof AgentListFiltersSchema>;
