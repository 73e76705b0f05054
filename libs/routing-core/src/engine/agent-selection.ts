// Picks the agent for one contact: stickiness first, then the queue strategy over the candidates.
import type { AgentFit, OfferRule } from '../model/routing-decision.model';
import type { Candidate } from '../policy/agent-ranking.policy';
import { candidateOf, insertRanked } from '../policy/agent-ranking.policy';
import { isEligible, stickyTargets } from '../policy/eligibility.policy';
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
 * `candidates` must contain every ready agent that could be eligible (a ready pool, or the agents
 * whose capacity just grew); ineligible ones are filtered here.
 */
export function selectAgent(
  state: RoutingState,
  c: ContactState,
  candidates: Iterable<AgentState>,
): Selection | undefined {
  const sticky = stickyTargets(c);
  const preferred = eligibleById(state, c, sticky.preferred);
  if (preferred !== undefined)
    return { agent: preferred, rule: 'sticky-preferred', chosen: candidateOf(preferred, c), beat: [] };
  const last = eligibleById(state, c, sticky.last);
  if (last !== undefined) return { agent: last, rule: 'sticky-last', chosen: candidateOf(last, c), beat: [] };

  const strategy = c.queue.policy.strategy;
  const limit = state.explainTopN + 1;
  const top: Candidate[] = [];
  for (const agent of candidates) {
    if (isEligible(agent, c)) insertRanked(top, candidateOf(agent, c), strategy, limit);
  }
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
