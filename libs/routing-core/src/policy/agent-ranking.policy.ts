// Rule 3: ordering eligible agents by the queue's strategy. Every comparison ends on the agent id so
// the choice never depends on iteration order.
import type { RoutingStrategy } from '../model/queue.model';
import type { AgentState } from '../engine/agent-state';
import type { ContactState } from '../engine/contact-state';

export interface Candidate {
  readonly agent: AgentState;
  readonly skillFit: number;
  readonly occupancy: number;
  readonly idleSince: number;
  /** Offer sequence of this queue's last offer to the agent; -1 if never (round-robin). */
  readonly lastRouted: number;
}

/** Sum of proficiencies over the ring's skills plus the optional skills the agent meets. */
export function skillFitOf(agent: AgentState, c: ContactState): number {
  const reqs = c.reqs;
  let fit = 0;
  for (let i = 0; i < reqs.skillIds.length; i++) fit += agent.proficiency(reqs.skillIds[i]);
  const opt = c.optionalIds;
  for (let i = 0; i < opt.length; i++) {
    if (reqs.skillIds.includes(opt[i])) continue;
    const p = agent.proficiency(opt[i]);
    if (p >= c.optionalMins[i]) fit += p;
  }
  return fit;
}

export function candidateOf(agent: AgentState, c: ContactState): Candidate {
  return {
    agent,
    skillFit: skillFitOf(agent, c),
    occupancy: agent.occupancy(),
    idleSince: agent.idleSince,
    // Only round-robin reads it; skip the map lookup otherwise.
    lastRouted: c.queue.policy.strategy === 'round-robin' ? (c.queue.lastRouted.get(agent.id) ?? -1) : -1,
  };
}

export function rankBefore(strategy: RoutingStrategy, a: Candidate, b: Candidate): boolean {
  switch (strategy) {
    case 'best-fit':
      if (a.skillFit !== b.skillFit) return a.skillFit > b.skillFit;
      return leastOccupiedBefore(a, b);
    case 'least-occupied':
      return leastOccupiedBefore(a, b);
    case 'longest-idle':
      if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
      return a.agent.id < b.agent.id;
    case 'round-robin':
      if (a.lastRouted !== b.lastRouted) return a.lastRouted < b.lastRouted;
      return a.agent.id < b.agent.id;
  }
}

function leastOccupiedBefore(a: Candidate, b: Candidate): boolean {
  if (a.occupancy !== b.occupancy) return a.occupancy < b.occupancy;
  if (a.idleSince !== b.idleSince) return a.idleSince < b.idleSince;
  return a.agent.id < b.agent.id;
}

/**
 * Keeps the best `limit` candidates in order, for the winner plus the "beat" list of the explanation.
 * Bounded so explaining a decision costs O(limit) per candidate, not a sort of the whole pool.
 */
export function insertRanked(
  top: Candidate[],
  cand: Candidate,
  strategy: RoutingStrategy,
  limit: number,
): void {
  if (top.length >= limit && !rankBefore(strategy, cand, top[top.length - 1])) return;
  let i = top.length;
  top.push(cand);
  while (i > 0 && rankBefore(strategy, cand, top[i - 1])) {
    top[i] = top[i - 1];
    i--;
  }
  top[i] = cand;
  if (top.length > limit) top.pop();
}
