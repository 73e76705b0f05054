import { describe, expect, it } from 'vitest';
import type { SkillRequirement } from '../model/contact.model';
import { NameRegistry } from '../structures/name-registry';
import type { CompiledRequirements } from './relaxation.policy';
import { RingCache } from './ring-cache';

const req = (skill: string, minProficiency: number): SkillRequirement => ({ skill, minProficiency });
const ring = (name: string): CompiledRequirements => ({
  buckets: [],
  skillIds: [],
  mins: [],
  list: [],
  signature: name,
});

describe('RingCache', () => {
  const skills = new NameRegistry();
  for (const s of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) skills.intern(s);

  it('finds a ring by step and requirements as given, and nothing else', () => {
    const cache = new RingCache();
    const sources = [
      { requiredSkills: [req('a', 3)], optionalSkills: [] },
      { requiredSkills: [req('a', 3)], optionalSkills: [req('b', 5)] },
      { requiredSkills: [req('a', 3), req('b', 5)], optionalSkills: [] },
      { requiredSkills: [req('b', 5), req('a', 3)], optionalSkills: [] },
      { requiredSkills: [req('a', 4)], optionalSkills: [] },
      { requiredSkills: [], optionalSkills: [req('a', 3)] },
      // More codes than an entry keeps inline.
      { requiredSkills: ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => req(s, 2)), optionalSkills: [req('g', 1)] },
      { requiredSkills: ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => req(s, 2)), optionalSkills: [req('g', 2)] },
    ];
    sources.forEach((source, i) => {
      for (const step of [0, 1]) {
        expect(cache.get(step, source, skills)).toBeUndefined();
        cache.set(step, source, skills, ring(`${i}/${step}`));
      }
    });
    expect(cache.size).toBe(sources.length * 2);
    sources.forEach((source, i) => {
      for (const step of [0, 1]) {
        // Equal content in fresh objects hits the same entry.
        const copy = {
          requiredSkills: [...source.requiredSkills],
          optionalSkills: [...source.optionalSkills],
        };
        expect(cache.get(step, copy, skills)?.signature).toBe(`${i}/${step}`);
      }
    });
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get(0, sources[0], skills)).toBeUndefined();
  });

  it('misses, and caches nothing, for a skill it has never seen', () => {
    const cache = new RingCache();
    const source = { requiredSkills: [req('unknown', 1)], optionalSkills: [] };
    expect(cache.get(0, source, skills)).toBeUndefined();
    cache.set(0, source, skills, ring('x'));
    expect(cache.size).toBe(0);
  });
});
