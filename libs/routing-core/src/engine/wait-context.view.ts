// What a wait estimate needs to know about a waiting contact: its place in line and the capacity of the agents
// who could serve it. Read on demand for the auto-acknowledgement, never on the routing hot path.
import type { RoutingState } from './routing-state';
import type { AgentState } from './agent-state';
import type { ContactState } from './contact-state';

export interface WaitContext {
  /** 1-based place among the contacts waiting in the same queue (earlier arrivals first). */
  readonly position: number;
  /** Staffed agents (available, busy or in wrap-up) who meet the contact's requirements and have a slot for its class. */
  readonly agentsServing: number;
  /** Their total concurrent slots for the contact's channel class. */
  readonly slots: number;
  /** Slots free right now among the available ones. */
  readonly freeSlots: number;
}

/** Away and offline agents are not serving: they free no slots while the contact waits. */
const STAFFED = new Set(['available', 'busy', 'wrap-up']);

/** undefined when the contact is unknown or not waiting (it is already offered or assigned). */
export function waitContextOf(state: RoutingState, contactId: string): WaitContext | undefined {
  const c = state.contacts.get(contactId);
  if (c === undefined || c.status !== 'waiting') return undefined;
  let position = 1;
  for (const other of c.queue.contacts) if (other.status === 'waiting' && ahead(other, c)) position++;
  let agentsServing = 0;
  let slots = 0;
  let freeSlots = 0;
  for (const agent of state.agents.values()) {
    if (!serves(agent, c)) continue;
    agentsServing++;
    slots += agent.capacity[c.classIndex];
    if (agent.status === 'available' && agent.hasRoom(c.classIndex))
      freeSlots += agent.capacity[c.classIndex] - agent.load[c.classIndex];
  }
  return { position, agentsServing, slots, freeSlots };
}

function ahead(other: ContactState, c: ContactState): boolean {
  return other.arrivedAt < c.arrivedAt || (other.arrivedAt === c.arrivedAt && other.id < c.id);
}

function serves(agent: AgentState, c: ContactState): boolean {
  return (
    STAFFED.has(agent.status) &&
    agent.tenantId === c.tenantId &&
    agent.capacity[c.classIndex] > 0 &&
    agent.speaks(c.languageId) &&
    agent.meets(c.reqs) &&
    !c.isExcluded(agent.id)
  );
}
