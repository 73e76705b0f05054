// Compiled rings of one queue policy, keyed by what a contact asks for: the relaxation step and its
// required and optional skills in the order given. The key is numeric (interned skill id and minimum
// per requirement) and hashed to a small integer, so an arrival costs a few registry reads instead of
// building and hashing a string. Entries with equal hashes are told apart by their full codes.
import type { SkillRequirement } from '../model/contact.model';
import type { NameRegistry } from '../structures/name-registry';
import type { CompiledRequirements, RequirementSource } from './relaxation.policy';
import { MAX_PROFICIENCY } from './input-validation.util';

/** One cached ring. Most keys are a handful of codes, kept inline so a hit reads one object. */
class RingEntry {
  readonly length: number;
  readonly c0: number;
  readonly c1: number;
  readonly c2: number;
  readonly c3: number;
  readonly c4: number;
  /** Codes past the fifth, when there are more. */
  readonly rest: readonly number[];
  /** Next entry with the same hash. */
  next: RingEntry | null = null;

  constructor(
    codes: readonly number[],
    readonly reqs: CompiledRequirements,
  ) {
    this.length = codes.length;
    this.c0 = codes.length > 0 ? codes[0] : -1;
    this.c1 = codes.length > 1 ? codes[1] : -1;
    this.c2 = codes.length > 2 ? codes[2] : -1;
    this.c3 = codes.length > 3 ? codes[3] : -1;
    this.c4 = codes.length > 4 ? codes[4] : -1;
    this.rest = codes.slice(5);
  }

  matches(codes: readonly number[], n: number): boolean {
    if (n !== this.length) return false;
    if (n > 0 && codes[0] !== this.c0) return false;
    if (n > 1 && codes[1] !== this.c1) return false;
    if (n > 2 && codes[2] !== this.c2) return false;
    if (n > 3 && codes[3] !== this.c3) return false;
    if (n > 4 && codes[4] !== this.c4) return false;
    for (let i = 5; i < n; i++) if (codes[i] !== this.rest[i - 5]) return false;
    return true;
  }
}

/** Codes of the lookup in progress, scratch[0..scratchLength) (reused: a lookup allocates nothing). */
const scratch: number[] = [];
let scratchLength = 0;
const LEVELS = MAX_PROFICIENCY + 1;

export class RingCache {
  private readonly table = new Map<number, RingEntry>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.table.clear();
    this.count = 0;
  }

  get(step: number, source: RequirementSource, skills: NameRegistry): CompiledRequirements | undefined {
    const hash = encode(step, source, skills);
    if (hash === undefined) return undefined;
    for (let e = this.table.get(hash) ?? null; e !== null; e = e.next) {
      if (e.matches(scratch, scratchLength)) return e.reqs;
    }
    return undefined;
  }

  /** Caches a ring compiled for this source; every skill it names must be interned by now. */
  set(step: number, source: RequirementSource, skills: NameRegistry, reqs: CompiledRequirements): void {
    const hash = encode(step, source, skills);
    if (hash === undefined) return;
    const entry = new RingEntry(scratch.slice(0, scratchLength), reqs);
    entry.next = this.table.get(hash) ?? null;
    this.table.set(hash, entry);
    this.count++;
  }
}

/**
 * Fills `scratch` with [step, required count, codes of required..., codes of optional...], where a code
 * is skill id × LEVELS + minimum, and returns its hash; undefined when a skill was never interned.
 */
function encode(step: number, source: RequirementSource, skills: NameRegistry): number | undefined {
  scratchLength = 0;
  put(step);
  put(source.requiredSkills.length);
  const hash = Math.imul(step + 1, 0x9e3779b1) ^ source.requiredSkills.length;
  const mid = encodeList(hash, source.requiredSkills, skills);
  return mid === undefined ? undefined : encodeList(mid, source.optionalSkills, skills);
}

function encodeList(
  hash: number,
  list: readonly SkillRequirement[],
  skills: NameRegistry,
): number | undefined {
  for (let i = 0; i < list.length; i++) {
    const id = skills.lookup(list[i].skill);
    if (id < 0) return undefined;
    const code = id * LEVELS + list[i].minProficiency;
    put(code);
    hash = Math.imul(hash ^ code, 0x85ebca6b);
    hash ^= hash >>> 13;
  }
  return hash;
}

function put(code: number): void {
  if (scratchLength < scratch.length) scratch[scratchLength] = code;
  else scratch.push(code);
  scratchLength++;
}
