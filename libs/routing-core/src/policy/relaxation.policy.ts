// Bullseye relaxation: which skills a contact requires at a given step of its queue's plan.
// Ring 0 is the tightest (queue + contact skills, plus optional skills when a later step drops them);
// each applied step widens it. Overflow steps are not rings: they move the contact to another queue.
import type { ContactBucket } from '../indexing/contact-bucket';
import type { SkillRequirement } from '../model/contact.model';
import { MIN_PROFICIENCY } from './input-validation.util';
import type { QueuePolicy } from './queue-policy';

/** Requirements compiled to interned skill ids, sorted by id; `signature` identifies equal rings. */
export interface CompiledRequirements {
  /**
   * Buckets of this ring by (language, class, phase); see bucketSlotOf. A compiled ring belongs to one
   * queue policy, so it also fixes the score slope of each phase: no string key is ever built.
   */
  readonly buckets: (ContactBucket | undefined)[];
  readonly skillIds: readonly number[];
  readonly mins: readonly number[];
  readonly list: readonly SkillRequirement[];
  readonly signature: string;
}

export interface RequirementSource {
  readonly requiredSkills: readonly SkillRequirement[];
  readonly optionalSkills: readonly SkillRequirement[];
}

export function requirementsAtStep(
  policy: QueuePolicy,
  source: RequirementSource,
  stepIndex: number,
  intern: (skill: string) => number,
): CompiledRequirements {
  let dropped = false;
  let lowerBy = 0;
  for (let i = 0; i < stepIndex && i < policy.steps.length; i++) {
    const step = policy.steps[i];
    if (step.action === 'drop-optional') dropped = true;
    else if (step.action === 'lower-proficiency') lowerBy += step.by;
  }
  const merged = new Map<string, number>();
  mergeInto(merged, policy.requiredSkills);
  mergeInto(merged, source.requiredSkills);
  if (policy.optionalInInnerRing && !dropped) mergeInto(merged, source.optionalSkills);
  const entries: { skill: string; id: number; min: number }[] = [];
  for (const [skill, min] of merged)
    entries.push({ skill, id: intern(skill), min: Math.max(MIN_PROFICIENCY, min - lowerBy) });
  entries.sort((a, b) => a.id - b.id);
  return {
    buckets: [],
    skillIds: entries.map((e) => e.id),
    mins: entries.map((e) => e.min),
    // By name, not interned id: ids depend on arrival order, and what hosts see must not.
    list: entries
      .map((e) => ({ skill: e.skill, minProficiency: e.min }))
      .sort((a, b) => (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0)),
    signature: entries.map((e) => `${e.id}:${e.min}`).join(','),
  };
}

/** When the next step of the plan fires for a contact at `stepIndex`; Infinity when the plan is done. */
export function nextStepDueAt(policy: QueuePolicy, stepIndex: number, enteredQueueAt: number): number {
  const step = policy.steps[stepIndex];
  return step === undefined ? Infinity : enteredQueueAt + step.afterMs;
}

function mergeInto(merged: Map<string, number>, list: readonly SkillRequirement[]): void {
  for (const r of list) merged.set(r.skill, Math.max(merged.get(r.skill) ?? 0, r.minProficiency));
}
