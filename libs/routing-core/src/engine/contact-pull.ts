// The agent side of matching: the highest-scoring waiting contact a given agent may take.
// Buckets are filed per class under their primary skill, so an agent only looks at buckets whose
// primary skill it has (plus skill-less ones) and checks each bucket's ring once, not each contact.
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
  for (let cls = 0; cls < CLASS_COUNT; cls++) {
    if ((agent.readyMask & (1 << cls)) === 0) continue;
    const byPrimary = tenant.buckets[cls];
    if (byPrimary.size === 0) continue;
    scanSet(agent, byPrimary.get(-1), now, out);
    if (agent.skillIds.length <= byPrimary.size) {
      for (const id of agent.skillIds) scanSet(agent, byPrimary.get(id), now, out);
    } else {
      for (const [primary, set] of byPrimary) {
        if (primary >= 0 && agent.proficiency(primary) > 0) scanSet(agent, set, now, out);
      }
    }
  }
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
