// The agent side of matching: the highest-scoring waiting contact a given agent may take.
// Buckets are filed under one required skill (or a pair of skills) and a level, so an agent only looks
// at buckets it may meet, and checks each bucket's ring once, not each contact. The lists are flat
// arrays (see BucketList): a bucket whose head cannot beat the best so far costs one multiply-add.
import {
  ENTRY,
  META_CLASS_MASK,
  META_FULL_CHECK,
  META_HEAD_EXCLUDES,
  META_LANGUAGE_SHIFT,
  META_LEVEL_MASK,
  META_MIN_SHIFT,
  META_PAIR_MIN_SHIFT,
  type BucketList,
} from '../indexing/bucket-list';
import type { TenantIndex } from '../indexing/tenant.index';
import { MAX_PROFICIENCY } from '../policy/input-validation.util';
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
  if (agent.scanVersion !== agent.tenant.listVersion) planScan(agent, agent.tenant);
  const lists = agent.scanLists;
  const levels = agent.scanLevels;
  for (let k = 0; k < lists.length; k++) {
    const list = lists[k];
    if (list.length === 0) continue;
    const packed = levels[k];
    scanList(agent, ready, list, packed & META_LEVEL_MASK, packed >> PAIR_LEVEL_SHIFT, now, out);
  }
}

const PAIR_LEVEL_SHIFT = 4;

/**
 * Which of the tenant's lists the agent may meet, with its levels there: the skill-less list, the
 * lists of skills it has, and the lists of pairs of skills it has both of. Rebuilt when the tenant
 * opens a new list or the agent's profile changes, so a scan does no lookups.
 */
function planScan(agent: AgentState, tenant: TenantIndex): void {
  const lists: BucketList[] = [];
  const levels: number[] = [];
  const add = (list: BucketList | undefined, level: number, pairLevel: number): void => {
    if (list === undefined) return;
    lists.push(list);
    levels.push(level | (pairLevel << PAIR_LEVEL_SHIFT));
  };
  const bySkill = tenant.bySkill;
  const pairs = tenant.pairs;
  if (bySkill.length > 0) add(bySkill[0], 0, MAX_PROFICIENCY);
  for (const id of agent.skillIds) {
    if (id + 1 < bySkill.length) add(bySkill[id + 1], agent.proficiency(id), MAX_PROFICIENCY);
    const byB = id < pairs.length ? pairs[id] : undefined;
    if (byB === undefined) continue;
    for (let j = 0; j < byB.skills.length; j++) {
      const pairLevel = agent.proficiency(byB.skills[j]);
      if (pairLevel > 0) add(byB.lists[j], agent.proficiency(id), pairLevel);
    }
  }
  agent.scanLists = lists;
  agent.scanLevels = levels;
  agent.scanVersion = tenant.listVersion;
}

/**
 * One list. A bucket is skipped before any other check when its head scores below the best so far:
 * the members behind the head score no higher. `level` is the agent's level in the filing skill and
 * `pairLevel` its level in the pair skill (MAX_PROFICIENCY for lists filed under one skill, whose
 * buckets carry minimum 0 there).
 */
function scanList(
  agent: AgentState,
  ready: number,
  list: BucketList,
  level: number,
  pairLevel: number,
  now: number,
  out: Pick,
): void {
  const data = list.data;
  const n = list.length;
  for (let i = 0; i < n; i++) {
    const at = i * ENTRY;
    const slope = data[at + 1];
    let score = orderScore(data[at], slope, now);
    if (score < out.score) continue;
    const m = data[at + 2];
    if ((ready & (1 << (m & META_CLASS_MASK))) === 0) continue;
    if (((m >> META_MIN_SHIFT) & META_LEVEL_MASK) > level) continue;
    if (((m >> META_PAIR_MIN_SHIFT) & META_LEVEL_MASK) > pairLevel) continue;
    if (!agent.speaks((m >> META_LANGUAGE_SHIFT) - 1)) continue;
    if ((m & META_FULL_CHECK) !== 0 && !list.buckets[i].admits(agent)) continue;
    let head = list.heads[i];
    if ((m & META_HEAD_EXCLUDES) !== 0 && head.isExcluded(agent.id)) {
      const id = agent.id;
      const first = list.buckets[i].firstWhere((c) => !c.isExcluded(id));
      if (first === undefined) continue;
      head = first;
      score = orderScore(head.key, slope, now);
    }
    if (out.contact === null || pickBefore(score, head, out.score, out.contact)) {
      out.contact = head;
      out.score = score;
    }
  }
}
