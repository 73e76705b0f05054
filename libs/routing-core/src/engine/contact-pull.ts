// The agent side of matching: the highest-scoring waiting contact a given agent may take.
// Buckets are filed per class under one required skill and level, so an agent only looks at buckets
// it may meet (plus skill-less ones) and checks each bucket's ring once, not each contact.
import type { ContactBucket } from '../indexing/contact-bucket';
import { CLASS_COUNT } from '../model/channel.model';
import { scoreAt, tieBreakBefore } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import type { ContactState } from './contact-state';

export interface Pick {
  contact: ContactState | null;
  score: number;
}

export function pickBefore(aScore: number, a: ContactState, bScore: number, b: ContactState): boolean {
  if (aScore !== bScore) return aScore > bScore;
  return tieBreakBefore(a.arrivedAt, a.id, b.arrivedAt, b.id);
}

/** Fills `out` with the agent's best contact at `now` (contact null when there is none). */
export function bestContactFor(agent: AgentState, now: number, out: Pick): void {
  out.contact = null;
  out.score = -Infinity;
  const tenant = agent.tenant;
  const ready = agent.computeReadyMask();
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if ((ready & (1 << cls)) === 0) continue;
    const byPrimary = tenant.buckets[cls];
    if (byPrimary.size === 0) continue;
    const skillLess = byPrimary.get(-1);
    if (skillLess !== undefined) scanSet(agent, skillLess[0], now, out);
    if (agent.skillIds.length <= byPrimary.size) {
      for (const id of agent.skillIds) scanLevels(agent, byPrimary.get(id), agent.proficiency(id), now, out);
    } else {
      for (const [primary, levels] of byPrimary) {
        if (primary >= 0) scanLevels(agent, levels, agent.proficiency(primary), now, out);
      }
    }
  }
}

/** Buckets filed under one skill at minimum levels the agent reaches (1..proficiency). */
function scanLevels(
  agent: AgentState,
  levels: ReadonlySet<ContactBucket>[] | undefined,
  proficiency: number,
  now: number,
  out: Pick,
): void {
  if (levels === undefined) return;
  for (let l = 1; l <= proficiency; l++) scanSet(agent, levels[l], now, out);
}

function scanSet(
  agent: AgentState,
  set: ReadonlySet<ContactBucket> | undefined,
  now: number,
  out: Pick,
): void {
  if (set === undefined) return;
  for (const bucket of set) {
    if (!agent.speaks(bucket.languageId) || !agent.meets(bucket.reqs)) continue;
    let head = bucket.heap.peek();
    if (head === undefined) continue;
    if (head.isExcluded(agent.id)) {
      head = bucket.heap.firstWhere((c) => !c.isExcluded(agent.id));
      if (head === undefined) continue;
    }
    const score = scoreAt(head, head.phase, now);
    if (out.contact === null || pickBefore(score, head, out.score, out.contact)) {
      out.contact = head;
      out.score = score;
    }
  }
}
