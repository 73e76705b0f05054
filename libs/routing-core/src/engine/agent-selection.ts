// Picks the agent for one contact: stickiness first, then the queue strategy over the candidates.
import type { RoutingStrategy } from '../model/queue.model';
import type { AgentFit, OfferRule } from '../model/routing-decision.model';
import type { Candidate } from '../policy/agent-ranking.policy';
import { candidateOf, insertRanked } from '../policy/agent-ranking.policy';
import { isEligible, stickyTargets } from '../policy/eligibility.policy';
import { MAX_PROFICIENCY } from '../policy/input-validation.util';
import type { AgentState } from './agent-state';
import type { ContactState } from './contact-state';
import type { RoutingState } from './routing-state';

export interface Selection {
  readonly agent: AgentState;
  readonly rule: OfferRule;
  readonly chosen: Candidate;
  readonly beat: readonly Candidate[];
}

/**
 * Best agent in the ready pools, for a contact whose eligibility may have grown. The pools are a
 * superset of the filed ready agents; ineligible ones are filtered here. `unfiled` lists agents that
 * may be ready without being filed yet (the pass's dirty agents).
 */
export function selectFromPools(
  state: RoutingState,
  c: ContactState,
  unfiled: readonly { readonly agent: AgentState }[],
): Selection | undefined {
  const sticky = stickySelection(state, c);
  if (sticky !== undefined) return sticky;
  const tenant = state.tenant(c.tenantId);
  const { pools, first, firstLevel } = tenant.candidatePools(c.reqs, c.languageId);
  const strategy = c.queue.policy.strategy;
  const limit = state.explainTopN + 1;
  const top: Candidate[] = [];
  // Best-fit walks levels from the top and stops once no lower level can reach the current top list:
  // an agent at level l scores at most l on that skill plus the maximum on every other fit skill.
  const pruneByLevel = strategy === 'best-fit' && firstLevel >= 0;
  const otherMax = pruneByLevel ? MAX_PROFICIENCY * (fitSkillCount(c) - 1) : 0;
  for (let k = pools.length - 1; k >= first; k--) {
    if (
      pruneByLevel &&
      top.length >= limit &&
      firstLevel + (k - first) + otherMax < top[top.length - 1].skillFit
    )
      break;
    const pool = pools[k];
    if (pool.size === 0) continue;
    for (const agent of pool) {
      if (isEligible(agent, c)) insertRanked(top, candidateOf(agent, c), strategy, limit);
      else tenant.prune(agent);
    }
  }
  // Agents whose room grew in this pass are filed only at its end; consider them too.
  for (let i = 0; i < unfiled.length; i++) {
    const agent = unfiled[i].agent;
    if (!agent.filed && isEligible(agent, c)) insertRanked(top, candidateOf(agent, c), strategy, limit);
  }
  return fromTop(top, strategy);
}

/** Best agent in a known short list: the agents whose capacity just grew. */
export function selectFromAgents(
  state: RoutingState,
  c: ContactState,
  agents: readonly AgentState[],
): Selection | undefined {
  const sticky = stickySelection(state, c);
  if (sticky !== undefined) return sticky;
  const strategy = c.queue.policy.strategy;
  const limit = state.explainTopN + 1;
  const top: Candidate[] = [];
  for (let i = 0; i < agents.length; i++) {
    if (isEligible(agents[i], c)) insertRanked(top, candidateOf(agents[i], c), strategy, limit);
  }
  return fromTop(top, strategy);
}

function stickySelection(state: RoutingState, c: ContactState): Selection | undefined {
  if (c.preferredAgentId === undefined && c.lastAgentId === undefined) return undefined;
  const sticky = stickyTargets(c);
  const preferred = eligibleById(state, c, sticky.preferred);
  if (preferred !== undefined) {
    return { agent: preferred, rule: 'sticky-preferred', chosen: candidateOf(preferred, c), beat: [] };
  }
  const last = eligibleById(state, c, sticky.last);
  if (last !== undefined) return { agent: last, rule: 'sticky-last', chosen: candidateOf(last, c), beat: [] };
  return undefined;
}

/** Skills that count toward fit: the ring plus optional skills outside it. */
function fitSkillCount(c: ContactState): number {
  let n = c.reqs.skillIds.length;
  for (const id of c.optionalIds) if (!c.reqs.skillIds.includes(id)) n++;
  return n;
}

function fromTop(top: Candidate[], strategy: RoutingStrategy): Selection | undefined {
  if (top.length === 0) return undefined;
  return { agent: top[0].agent, rule: strategy, chosen: top[0], beat: top.slice(1) };
}

function eligibleById(
  state: RoutingState,
  c: ContactState,
  agentId: string | undefined,
): AgentState | undefined {
  if (agentId === undefined) return undefined;
  const agent = state.agents.get(agentId);
  return agent !== undefined && isEligible(agent, c) ? agent : undefined;
}

export function fitOf(cand: Candidate, now: number): AgentFit {
  return {
    agentId: cand.agent.id,
    skillFit: cand.skillFit,
    occupancy: cand.occupancy,
    idleMs: Math.max(0, now - cand.idleSince),
  };
}
