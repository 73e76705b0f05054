// The agent side of matching: the highest-scoring waiting contact a given agent may take.
// Buckets are filed under one required skill (or a pair of skills) and a level, so an agent only looks
// at buckets it may meet, and checks each bucket's ring once, not each contact.
import type { ContactBucket } from '../indexing/contact-bucket';
import type { BucketLevels } from '../indexing/tenant.index';
import { orderScore, tieBreakBefore } from '../scoring/score.util';
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
  const ready = agent.computeReadyMask();
  if (ready === 0) return;
  const buckets = agent.tenant.buckets;
  if (buckets.size > 0) {
    scanLevels(agent, ready, buckets.get(-1), 0, now, out);
    const ids = agent.skillIds;
    if (ids.length <= buckets.size) {
      for (const id of ids) scanLevels(agent, ready, buckets.get(id), agent.proficiency(id), now, out);
    } else {
      for (const [skill, levels] of buckets) {
        if (skill >= 0) scanLevels(agent, ready, levels, agent.proficiency(skill), now, out);
      }
    }
  }
  scanPairs(agent, ready, now, out);
}

/** Buckets filed under a pair of skills: looked at only when the agent has both. */
function scanPairs(agent: AgentState, ready: number, now: number, out: Pick): void {
  const pairs = agent.tenant.pairBuckets;
  if (pairs.size === 0) return;
  for (const a of agent.skillIds) {
    const byB = pairs.get(a);
    if (byB === undefined) continue;
    const level = agent.proficiency(a);
    for (const [b, levels] of byB) {
      if (agent.proficiency(b) > 0) scanLevels(agent, ready, levels, level, now, out);
    }
  }
}

/** Buckets filed under one skill at minimum levels the agent reaches (0..proficiency), non-empty only. */
function scanLevels(
  agent: AgentState,
  ready: number,
  levels: BucketLevels | undefined,
  proficiency: number,
  now: number,
  out: Pick,
): void {
  if (levels === undefined) return;
  let mask = levels.mask & ((2 << proficiency) - 1);
  while (mask !== 0) {
    const level = 31 - Math.clz32(mask);
    mask &= ~(1 << level);
    scanList(agent, ready, levels.lists[level], now, out);
  }
}

function scanList(
  agent: AgentState,
  ready: number,
  list: readonly ContactBucket[],
  now: number,
  out: Pick,
): void {
  for (let i = 0; i < list.length; i++) {
    const bucket = list[i];
    if ((ready & (1 << bucket.classIndex)) === 0) continue;
    if (!agent.speaks(bucket.languageId) || !bucket.admits(agent)) continue;
    let head = bucket.head;
    if (head === null) continue;
    let key = bucket.headKey;
    if (!bucket.headClean && head.isExcluded(agent.id)) {
      head = bucket.heap.firstWhere((c) => !c.isExcluded(agent.id)) ?? null;
      if (head === null) continue;
      key = head.key;
    }
    const score = orderScore(key, bucket.slope, now);
    if (out.contact === null || pickBefore(score, head, out.score, out.contact)) {
      out.contact = head;
      out.score = score;
    }
  }
}
