// Per-tenant indexes for matching without scanning everyone:
// - ready pools: agents that can take more work, overall, per language, and per (skill, proficiency
//   level), so a requirement "skill >= 7" only visits agents at levels 7..10. Pools are a superset:
//   an agent that fills up stays filed until a scan meets it (then it is taken out), because most
//   agents fill up and free up again within moments and re-filing would cost more;
// - bucket lists: non-empty contact buckets filed under their rarest required skill (or their two
//   rarest, as a pair), so the fewest agents ever look at a bucket. One flat list per skill or pair
//   (see BucketList); each entry carries the minimum levels, checked during the scan. Every agent
//   keeps the lists of skills and pairs it has, rebuilt when the tenant opens a list (listVersion).
// Tenants never share an index, which is what keeps routing tenant-isolated.
import { MAX_PROFICIENCY } from '../policy/input-validation.util';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { AgentState } from '../engine/agent-state';
import { BucketList } from './bucket-list';

type Pool = Set<AgentState>;

/** One skill's ready agents by exact level, with the pool sizes in one flat array. */
interface LevelPools {
  /** pools[l]: agents whose proficiency is exactly l. */
  readonly pools: Pool[];
  readonly counts: Int32Array;
}

export class TenantIndex {
  /** Agents that are available with room in at least one class (class room is checked per contact). */
  readonly readyAll: Pool = new Set<AgentState>();
  /** [skill id] -> ready agents by level. */
  readonly readyBySkill: (LevelPools | undefined)[] = [];
  readonly readyByLanguage = new Map<number, Pool>();
  /** [filing skill + 1] (0: no skill) -> the buckets filed under that skill alone. */
  readonly bySkill: (BucketList | undefined)[] = [];
  /** [a] -> b -> the buckets filed under the pair of skills (a < b). */
  readonly pairs: (PairLists | undefined)[] = [];
  /** Bumped whenever a bucket list is opened, so agents rebuild their scan lists (see contact-pull). */
  listVersion = 0;
  private readonly candidates: CandidatePools = { pools: [], first: 0, firstLevel: -1 };
  private readonly singlePool: Pool[] = [];
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
   * eligibility check. Written into one reused object (read it before the next call).
   */
  candidatePools(reqs: CompiledRequirements, languageId: number): CandidatePools {
    const best = this.candidates;
    const single = this.singlePool;
    single[0] = this.readyAll;
    best.pools = single;
    best.first = 0;
    best.firstLevel = -1;
    let bestSize = this.readyAll.size;
    if (languageId >= 0) {
      const pool = this.readyByLanguage.get(languageId);
      if (pool === undefined) return NO_POOLS;
      if (pool.size < bestSize) {
        single[0] = pool;
        bestSize = pool.size;
      }
    }
    for (let i = 0; i < reqs.skillIds.length; i++) {
      const id = reqs.skillIds[i];
      const levels = id < this.readyBySkill.length ? this.readyBySkill[id] : undefined;
      if (levels === undefined) return NO_POOLS;
      const min = reqs.mins[i];
      let size = 0;
      for (let l = min; l <= MAX_PROFICIENCY; l++) size += levels.counts[l];
      if (size === 0) return NO_POOLS;
      if (size < bestSize) {
        best.pools = levels.pools;
        best.first = min;
        best.firstLevel = min;
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

  /** The list a bucket with this filing joins whenever it is non-empty (created on first use). */
  homeOf(filing: Filing): BucketList {
    if (filing.pair < 0) {
      let list = this.bySkill[filing.skill + 1];
      if (list === undefined) {
        list = new BucketList();
        setAt(this.bySkill, filing.skill + 1, list);
        this.listVersion++;
      }
      return list;
    }
    let pairs = this.pairs[filing.skill];
    if (pairs === undefined) {
      pairs = { skills: [], lists: [], bySkill: new Map<number, BucketList>() };
      setAt(this.pairs, filing.skill, pairs);
    }
    let list = pairs.bySkill.get(filing.pair);
    if (list === undefined) {
      list = new BucketList();
      pairs.bySkill.set(filing.pair, list);
      this.listVersion++;
      pairs.skills.push(filing.pair);
      pairs.lists.push(list);
    }
    return list;
  }

  private addToPools(agent: AgentState): void {
    agent.filed = true;
    this.readyAll.add(agent);
    for (const id of agent.skillIds) {
      let levels = id < this.readyBySkill.length ? this.readyBySkill[id] : undefined;
      if (levels === undefined) {
        levels = {
          pools: Array.from({ length: MAX_PROFICIENCY + 1 }, () => new Set<AgentState>()),
          counts: new Int32Array(MAX_PROFICIENCY + 1),
        };
        setAt(this.readyBySkill, id, levels);
      }
      const level = agent.proficiency(id);
      levels.pools[level].add(agent);
      levels.counts[level]++;
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
    for (const id of agent.skillIds) {
      const levels = id < this.readyBySkill.length ? this.readyBySkill[id] : undefined;
      const level = agent.proficiency(id);
      if (levels !== undefined && levels.pools[level].delete(agent)) levels.counts[level]--;
    }
    for (const lang of agent.languages) this.readyByLanguage.get(lang)?.delete(agent);
  }
}

export interface CandidatePools {
  /** The candidates are pools[first..]. */
  pools: readonly ReadonlySet<AgentState>[];
  first: number;
  /** Proficiency level of pools[first] when the pools are one requirement's levels (pools[l] holds level l), else -1. */
  firstLevel: number;
}

const NO_POOLS: CandidatePools = { pools: [], first: 0, firstLevel: -1 };

/** Buckets filed under pairs (a, b) for one a: the b skills in first-filed order, for scans. */
export interface PairLists {
  readonly skills: number[];
  readonly lists: BucketList[];
  readonly bySkill: Map<number, BucketList>;
}

/** Writes a[i], filling any gap with undefined first so the array never has holes. */
function setAt<T>(a: (T | undefined)[], i: number, value: T): void {
  while (a.length <= i) a.push(undefined);
  a[i] = value;
}

export interface Filing {
  readonly skill: number;
  readonly min: number;
  readonly pair: number;
}
