// Per-tenant indexes for matching without scanning everyone:
// - ready pools: agents that can take one more contact of a class, overall, per language, and per
//   (skill, proficiency level), so a requirement "skill >= 7" only visits agents at levels 7..10;
// - bucket lists: non-empty contact buckets per class, filed under their primary skill.
// Tenants never share an index, which is what keeps routing tenant-isolated.
import { CLASS_COUNT } from '../model/channel.model';
import { MAX_PROFICIENCY } from '../policy/input-validation.util';
import type { CompiledRequirements } from '../policy/relaxation.policy';
import type { AgentState } from '../engine/agent-state';
import type { ContactBucket } from './contact-bucket';

type Pool = Set<AgentState>;
/** Pools by level: index l holds agents whose proficiency is exactly l. */
type LevelPools = Pool[];

function perClass<T>(make: () => T): T[] {
  return Array.from({ length: CLASS_COUNT }, make);
}

export class TenantIndex {
  readonly readyAll: Pool[] = perClass(() => new Set<AgentState>());
  readonly readyBySkill: Map<number, LevelPools>[] = perClass(() => new Map<number, LevelPools>());
  readonly readyByLanguage: Map<number, Pool>[] = perClass(() => new Map<number, Pool>());
  readonly buckets: Map<number, Set<ContactBucket>>[] = perClass(() => new Map<number, Set<ContactBucket>>());

  constructor(readonly tenantId: string) {}

  /** Brings the agent's pool membership in line with its status and load. */
  syncAgent(agent: AgentState): void {
    const next = agent.computeReadyMask();
    const changed = next ^ agent.readyMask;
    if (changed === 0) return;
    for (let c = 0; c < CLASS_COUNT; c++) {
      const bit = 1 << c;
      if ((changed & bit) === 0) continue;
      if ((next & bit) !== 0) this.addToPools(agent, c);
      else this.removeFromPools(agent, c);
    }
    agent.readyMask = next;
  }

  /** Takes the agent out of every pool, e.g. before its skills change or it leaves. */
  dropAgent(agent: AgentState): void {
    for (let c = 0; c < CLASS_COUNT; c++) {
      if ((agent.readyMask & (1 << c)) !== 0) this.removeFromPools(agent, c);
    }
    agent.readyMask = 0;
  }

  /**
   * The pools whose union contains every ready agent that could meet the ring and speak the language:
   * the narrowest single requirement (by level) or language pool. Agents in them still need the full
   * eligibility check.
   */
  candidatePools(classIndex: number, reqs: CompiledRequirements, languageId: number): Pool[] {
    let best: Pool[] = [this.readyAll[classIndex]];
    let bestSize = best[0].size;
    if (languageId >= 0) {
      const pool = this.readyByLanguage[classIndex].get(languageId);
      if (pool === undefined) return [];
      if (pool.size < bestSize) {
        best = [pool];
        bestSize = pool.size;
      }
    }
    const bySkill = this.readyBySkill[classIndex];
    for (let i = 0; i < reqs.skillIds.length; i++) {
      const levels = bySkill.get(reqs.skillIds[i]);
      if (levels === undefined) return [];
      let size = 0;
      for (let l = reqs.mins[i]; l <= MAX_PROFICIENCY; l++) size += levels[l].size;
      if (size === 0) return [];
      if (size < bestSize) {
        best = levels.slice(reqs.mins[i]);
        bestSize = size;
      }
    }
    return best;
  }

  addBucket(bucket: ContactBucket): void {
    const byPrimary = this.buckets[bucket.classIndex];
    let set = byPrimary.get(bucket.reqs.primary);
    if (set === undefined) {
      set = new Set<ContactBucket>();
      byPrimary.set(bucket.reqs.primary, set);
    }
    set.add(bucket);
  }

  removeBucket(bucket: ContactBucket): void {
    const byPrimary = this.buckets[bucket.classIndex];
    const set = byPrimary.get(bucket.reqs.primary);
    if (set === undefined) return;
    set.delete(bucket);
    if (set.size === 0) byPrimary.delete(bucket.reqs.primary);
  }

  private addToPools(agent: AgentState, c: number): void {
    this.readyAll[c].add(agent);
    const bySkill = this.readyBySkill[c];
    for (const id of agent.skillIds) {
      let levels = bySkill.get(id);
      if (levels === undefined) {
        levels = Array.from({ length: MAX_PROFICIENCY + 1 }, () => new Set<AgentState>());
        bySkill.set(id, levels);
      }
      levels[agent.proficiency(id)].add(agent);
    }
    const byLanguage = this.readyByLanguage[c];
    for (const lang of agent.languages) {
      let pool = byLanguage.get(lang);
      if (pool === undefined) {
        pool = new Set<AgentState>();
        byLanguage.set(lang, pool);
      }
      pool.add(agent);
    }
  }

  private removeFromPools(agent: AgentState, c: number): void {
    this.readyAll[c].delete(agent);
    const bySkill = this.readyBySkill[c];
    for (const id of agent.skillIds) bySkill.get(id)?.[agent.proficiency(id)].delete(agent);
    const byLanguage = this.readyByLanguage[c];
    for (const lang of agent.languages) byLanguage.get(lang)?.delete(agent);
  }
}
