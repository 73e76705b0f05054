// Rule 1: who may be offered a contact. Every offer passes through isEligible, and the ready pools and
// buckets are only ways to avoid asking it about agents that obviously fail.
import type { AgentState } from '../engine/agent-state';
import type { ContactState } from '../engine/contact-state';

export function isEligible(agent: AgentState, c: ContactState): boolean {
  return (
    // Available with room in the contact's class (the ready mask is both, kept current).
    (agent.computeReadyMask() & (1 << c.classIndex)) !== 0 &&
    agent.tenantId === c.tenantId &&
    agent.speaks(c.languageId) &&
    agent.meets(c.reqs) &&
    !c.isExcluded(agent.id)
  );
}

/** Sticky target for a contact, if any: the preferred agent, else the last agent within the window. */
export function stickyTargets(c: ContactState): { preferred?: string; last?: string } {
  const window = c.queue.policy.stickinessWindowMs;
  const lastFresh =
    c.lastAgentId !== undefined && c.lastHandledAt !== undefined && c.arrivedAt - c.lastHandledAt <= window;
  return { preferred: c.preferredAgentId, last: lastFresh ? c.lastAgentId : undefined };
}
