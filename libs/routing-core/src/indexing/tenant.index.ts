// Per-tenant indexes for matching without scanning everyone:
// - ready pools: agents that can take one more contact of a class, overall and per skill;
// - bucket lists: non-empty contact buckets per class, filed under their primary skill.
// Tenants never share an index, which is what keeps routing tenant-isolated.
import { CLASS_COUNT } from '../model/channel.model';
import type { AgentState } from '../engine/agent-state';
import type { ContactBucket } from './contact-bucket';

function perClass<T>(make: () => T): T[] {
  return Array.from({ length: CLASS_COUNT }, make);
}

export class TenantIndex {
  readonly readyAll: Set<AgentState>[] = perClass(() => new Set<AgentState>());
  readonly readyBySkill: Map<number, Set<AgentState>>[] = perClass(() => new Map<number, Set<AgentState>>());
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

  /** The smallest ready pool that every eligible agent for these skills must be in. */
  narrowestPool(classIndex: number, skillIds: readonly number[]): ReadonlySet<AgentState> {
    if (skillIds.length === 0) return this.readyAll[classIndex];
    let best: ReadonlySet<AgentState> | undefined;
    const bySkill = this.readyBySkill[classIndex];
    for (const id of skillIds) {
      const pool = bySkill.get(id);
      if (pool === undefined) return EMPTY;
      if (best === undefined || pool.size < best.size) best = pool;
    }
    return best ?? EMPTY;
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
      let pool = bySkill.get(id);
      if (pool === undefined) {
        pool = new Set<AgentState>();
        bySkill.set(id, pool);
      }
      pool.add(agent);
    }
  }

  private removeFromPools(agent: AgentState, c: number): void {
    this.readyAll[c].delete(agent);
    const bySkill = this.readyBySkill[c];
    for (const id of agent.skillIds) bySkill.get(id)?.delete(agent);
  }
}

const EMPTY: ReadonlySet<AgentState> = new Set<AgentState>();
