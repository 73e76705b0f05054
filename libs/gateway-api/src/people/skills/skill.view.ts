// How a catalog skill looks over the API.
import type { Prisma } from '@switchboard/persistence';

type Skill = Prisma.SkillModel;

export interface SkillView {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toSkillView(skill: Skill): SkillView {
  return {
    id: skill.id,
    name: skill.name,
    description: skill.description,
    createdAt: skill.createdAt.toISOString(),
    updatedAt: skill.updatedAt.toISOString(),
  };
}

export const SKILL_CONSTRAINT_FIELDS = { name: 'name' };
