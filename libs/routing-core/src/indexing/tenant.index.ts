// Per-tenant indexes for matching without scanning everyone:
// - ready pools: agents that can take more work, overall, per language, and per (skill, proficiency
//   level), so a requirement "skill >= 7" only visits agents at levels 7..10. Pools are a superset:
//   an agent that fills up stays filed until a scan meets it (then it is taken out), because most
//   agents fill up and free up again within moments and re-filing would cost more;
// - bucket lists: non-empty contact buckets filed under their rarest required skill (or their two
//   rarest, as a pair) and that skill's minimum level, so the fewest agents ever look at a bucket; an
//   agent looks only under skills and pairs it has, at levels it reaches, and a bit mask skips empty
//   levels.
// Tenants never share an index, which is what keeps routing tenant-isolated.
import { MAX_PROFICIENCY } from '../policy/input-validation.util';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { AgentState } from '../engine/agent-state';
import type { ContactBucket } from './contact-bucket';

type Pool = Set<AgentState>;
/** Pools by level: index l holds agents whose proficiency is exactly l. */
type LevelPools = Pool[];

export class TenantIndex {
  /** Agents that are available with room in at least one class (class room is checked per contact). */
  readonly readyAll: Pool = new Set<AgentState>();
  readonly readyBySkill = new Map<number, LevelPools>();
  readonly readyByLanguage = new Map<number, Pool>();
  /** Filing skill (-1: none) -> buckets by that skill's minimum level, all classes together. */
  readonly buckets = new Map<number, BucketLevels>();
  /** a -> b -> buckets filed under the pair of skills (a < b), by the minimum level of a. */
  readonly pairBuckets = new Map<number, Map<number, BucketLevels>>();
  /** Agents (any status) per skill per level, to pick a bucket's rarest requirement. */
  private readonly holders = new Map<number, number[]>();

  constructor(readonly tenantId: string) {}

  /** Files the agent in the pools once it can take work (removal is lazy, see prune). */
  syncAgent(agent: AgentState): void {
    if (!agent.filed && agent.computeReadyMask() !== 0) this.addToPools(agent);
  }

  /** Takes a filed agent out of the pools when a scan finds it cannot take any work. */
  prune(agent: AgentState): void {
    if (agent.filed && agent.computeReadyMask() === 0) this.removeFromPools(agent);
  }

  /** Takes the agent out of every pool, e.g. before its skills change or it leaves. */
  dropAgent(agent: AgentState): void {
    if (agent.filed) this.removeFromPools(agent);
  }

  /**
   * The pools whose union contains every ready agent that could meet the ring and speak the language:
   * the narrowest single requirement (by level) or language pool. Agents in them still need the full
   * eligibility check. For a requirement, `pools[k]` holds level `firstLevel + k`.
   */
  candidatePools(reqs: CompiledRequirements, languageId: number): CandidatePools {
    let best: CandidatePools = { pools: [this.readyAll], firstLevel: -1 };
    let bestSize = this.readyAll.size;
    if (languageId >= 0) {
      const pool = this.readyByLanguage.get(languageId);
      if (pool === undefined) return NO_POOLS;
      if (pool.size < bestSize) {
        best = { pools: [pool], firstLevel: -1 };
        bestSize = pool.size;
      }
    }
    for (let i = 0; i < reqs.skillIds.length; i++) {
      const levels = this.readyBySkill.get(reqs.skillIds[i]);
      if (levels === undefined) return NO_POOLS;
      let size = 0;
      for (let l = reqs.mins[i]; l <= MAX_PROFICIENCY; l++) size += levels[l].size;
      if (size === 0) return NO_POOLS;
      if (size < bestSize) {
        best = { pools: levels.slice(reqs.mins[i]), firstLevel: reqs.mins[i] };
        bestSize = size;
      }
    }
    return best;
  }

  /**
   * Where a bucket is filed: under its rarest requirement, or for rings of two or more skills under
   * the pair of its two rarest (an agent then looks it up only if it has both). `skill` is the lower
   * id of the pair, and `min` is that skill's minimum; `pair` is the other skill, or -1.
   */
  filingOf(reqs: CompiledRequirements): Filing {
    let first = -1;
    let second = -1;
    let firstCount = Infinity;
    let secondCount = Infinity;
    for (let i = 0; i < reqs.skillIds.length; i++) {
      const levels = this.holders.get(reqs.skillIds[i]);
      let count = 0;
      if (levels !== undefined) for (let l = reqs.mins[i]; l <= MAX_PROFICIENCY; l++) count += levels[l];
      if (count < firstCount) {
        second = first;
        secondCount = firstCount;
        first = i;
        firstCount = count;
      } else if (count < secondCount) {
        second = i;
        secondCount = count;
      }
    }
    if (first < 0) return { skill: -1, min: 0, pair: -1 };
    if (second < 0) return { skill: reqs.skillIds[first], min: reqs.mins[first], pair: -1 };
    const low = Math.min(first, second); // skillIds are ascending, so the lower index has the lower id
    const high = Math.max(first, second);
    return { skill: reqs.skillIds[low], min: reqs.mins[low], pair: reqs.skillIds[high] };
  }

  /** Keeps the holder counts in step with agent profiles (+1 when a profile is added, -1 removed). */
  countHolders(agent: AgentState, delta: 1 | -1): void {
    for (const id of agent.skillIds) {
      let levels = this.holders.get(id);
      if (levels === undefined) {
        levels = new Array<number>(MAX_PROFICIENCY + 1).fill(0);
        this.holders.set(id, levels);
      }
      levels[agent.proficiency(id)] += delta;
    }
  }

  addBucket(bucket: ContactBucket): void {
    const [map, key] = this.filedIn(bucket);
    let levels = map.get(key);
    if (levels === undefined) {
      levels = { lists: Array.from({ length: MAX_PROFICIENCY + 1 }, () => []), mask: 0 };
      map.set(key, levels);
    }
    const list = levels.lists[bucket.filing.min];
    bucket.listPos = list.length;
    list.push(bucket);
    levels.mask |= 1 << bucket.filing.min;
  }

  removeBucket(bucket: ContactBucket): void {
    const [map, key] = this.filedIn(bucket);
    const levels = map.get(key);
    if (levels === undefined || bucket.listPos < 0) return;
    // Swap-remove: scans only need the set, and arrays iterate faster than Sets.
    const list = levels.lists[bucket.filing.min];
    const last = list.pop() as ContactBucket;
    if (last !== bucket) {
      list[bucket.listPos] = last;
      last.listPos = bucket.listPos;
    }
    bucket.listPos = -1;
    if (list.length === 0) levels.mask &= ~(1 << bucket.filing.min);
  }

  private filedIn(bucket: ContactBucket): [Map<number, BucketLevels>, number] {
    const f = bucket.filing;
    if (f.pair < 0) return [this.buckets, f.skill];
    let inner = this.pairBuckets.get(f.skill);
    if (inner === undefined) {
      inner = new Map<number, BucketLevels>();
      this.pairBuckets.set(f.skill, inner);
    }
    return [inner, f.pair];
  }

  private addToPools(agent: AgentState): void {
    agent.filed = true;
    this.readyAll.add(agent);
    for (const id of agent.skillIds) {
      let levels = this.readyBySkill.get(id);
      if (levels === undefined) {
        levels = Array.from({ length: MAX_PROFICIENCY + 1 }, () => new Set<AgentState>());
        this.readyBySkill.set(id, levels);
      }
      levels[agent.proficiency(id)].add(agent);
    }
    for (const lang of agent.languages) {
      let pool = this.readyByLanguage.get(lang);
      if (pool === undefined) {
        pool = new Set<AgentState>();
        this.readyByLanguage.set(lang, pool);
      }
      pool.add(agent);
    }
  }

  private removeFromPools(agent: AgentState): void {
    agent.filed = false;
    this.readyAll.delete(agent);
    for (const id of agent.skillIds) this.readyBySkill.get(id)?.[agent.proficiency(id)].delete(agent);
    for (const lang of agent.languages) this.readyByLanguage.get(lang)?.delete(agent);
  }
}

export interface CandidatePools {
  readonly pools: readonly ReadonlySet<AgentState>[];
  /** Proficiency level of pools[0] when the pools are one requirement's levels, else -1. */
  readonly firstLevel: number;
}

const NO_POOLS: CandidatePools = { pools: [], firstLevel: -1 };

export interface BucketLevels {
  /** lists[l]: buckets whose primary requirement has minimum level l (0 for skill-less buckets). */
  readonly lists: ContactBucket[][];
  /** Bit l set when lists[l] is non-empty. */
  mask: number;
}

export interface Filing {
  readonly skill: number;
  readonly min: number;
  readonly pair: number;
}
