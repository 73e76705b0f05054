import { describe, expect, it } from 'vitest';
import { NameRegistry } from '../structures/name-registry';
import { normalizeQueuePolicy } from './queue-policy';
import { nextStepDueAt, requirementsAtStep } from './relaxation.policy';

const skills = new NameRegistry();
const intern = (s: string): number => skills.intern(s);
const policy = normalizeQueuePolicy({
  id: 'q',
  tenantId: 't',
  requiredSkills: [{ skill: 'billing', minProficiency: 3 }],
  relaxation: [
    { afterMs: 30_000, action: 'drop-optional' },
    { afterMs: 60_000, action: 'lower-proficiency', by: 2 },
    { afterMs: 90_000, action: 'lower-proficiency', by: 5 },
  ],
});
const contact = {
  requiredSkills: [
    { skill: 'billing', minProficiency: 6 },
    { skill: 'spanish-legal', minProficiency: 4 },
  ],
  optionalSkills: [{ skill: 'vip-care', minProficiency: 7 }],
};

describe('bullseye rings', () => {
  it('ring 0 merges queue and contact skills (max level) and includes optional skills', () => {
    expect(requirementsAtStep(policy, contact, 0, intern).list).toEqual([
      { skill: 'billing', minProficiency: 6 },
      { skill: 'spanish-legal', minProficiency: 4 },
      { skill: 'vip-care', minProficiency: 7 },
    ]);
  });

  it('drop-optional, then lower by 2, then by 5 more (never below 1)', () => {
    expect(requirementsAtStep(policy, contact, 1, intern).list.map((r) => r.skill)).toEqual([
      'billing',
      'spanish-legal',
    ]);
    expect(requirementsAtStep(policy, contact, 2, intern).list).toEqual([
      { skill: 'billing', minProficiency: 4 },
      { skill: 'spanish-legal', minProficiency: 2 },
    ]);
    expect(requirementsAtStep(policy, contact, 3, intern).list.map((r) => r.minProficiency)).toEqual([1, 1]);
  });

  it('optional skills are only a fit bonus when no step drops them', () => {
    const plain = normalizeQueuePolicy({ id: 'p', tenantId: 't' });
    expect(requirementsAtStep(plain, contact, 0, intern).list.map((r) => r.skill)).toEqual([
      'billing',
      'spanish-legal',
    ]);
  });

  it('steps are timed from entering the queue', () => {
    expect(nextStepDueAt(policy, 0, 1_000)).toBe(31_000);
    expect(nextStepDueAt(policy, 3, 1_000)).toBe(Infinity);
  });

  it('equal rings share a signature (the bucket identity)', () => {
    const a = requirementsAtStep(policy, contact, 1, intern);
    const b = requirementsAtStep(
      policy,
      { requiredSkills: [...contact.requiredSkills].reverse(), optionalSkills: [] },
      1,
      intern,
    );
    expect(a.signature).toBe(b.signature);
  });
});
