// Read-only snapshots for hosts (wallboards, APIs) and tests. Allocated on demand, never on the hot path.
import type { AgentStatus, AgentView } from '../model/agent.model';
import { CHANNEL_CLASSES } from '../model/channel.model';
import type { ContactView } from '../model/contact.model';
import { PHASE_STARVED, phaseAt, scoreAt } from '../scoring/score.util';
import type { AgentState } from './agent-state';
import type { ContactState } from './contact-state';
import type { QueueState } from './queue-state';

export interface QueueStats {
  readonly queueId: string;
  readonly waiting: number;
  readonly offered: number;
  readonly assigned: number;
  /** Arrival of the longest-waiting contact, undefined when nobody waits. */
  readonly oldestWaitingArrivedAt: number | undefined;
}

/** An agent's live load for wallboards: held contacts (offered plus assigned) against its concurrent slots. */
export interface AgentLoad {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly held: number;
  /** Slots summed over channel classes, capped by the agent's unit budget. */
  readonly capacity: number;
}

export function agentLoad(agent: AgentState): AgentLoad {
  const slots = agent.capacity.reduce((sum, n) => sum + n, 0);
  return {
    agentId: agent.id,
    status: agent.status,
    held: agent.offers.length + agent.assignments.length,
    capacity: Math.min(slots, agent.maxUnits),
  };
}

export function agentView(agent: AgentState): AgentView {
  const load: Record<string, number> = {};
  CHANNEL_CLASSES.forEach((cls, i) => (load[cls] = agent.load[i]));
  return {
    id: agent.id,
    tenantId: agent.tenantId,
    status: agent.status,
    idleSince: agent.idleSince,
    missedOffers: agent.missedOffers,
    load,
    usedUnits: agent.usedUnits,
    liveOfferContactIds: agent.offers.map((c) => c.id),
    assignedContactIds: agent.assignments.map((c) => c.id),
  };
}

export function contactView(c: ContactState, now: number): ContactView {
  const agent = c.offer?.agent ?? c.assignedTo ?? undefined;
  // The phase as of `now`, not as last filed: an offered contact is not re-filed while it is out.
  const phase = phaseAt(c, now);
  return {
    id: c.id,
    tenantId: c.tenantId,
    queueId: c.queue.id,
    state: c.status,
    arrivedAt: c.arrivedAt,
    enteredQueueAt: c.enteredQueueAt,
    relaxationStep: c.stepIndex,
    currentRequirements: c.reqs.list,
    language: c.language,
    excludedAgentIds: c.excluded === null ? [] : [...c.excluded],
    escalations: c.escalations === null ? [] : [...c.escalations],
    agentId: agent?.id,
    offerId: c.offer?.offerId ?? (c.assignedTo !== null ? c.assignedOfferId : undefined),
    offerExpiresAt: c.offer?.expiresAt,
    offerAttempts: c.offerAttempts,
    score: scoreAt(c, phase, now),
    starved: phase === PHASE_STARVED,
  };
}

export function queueStats(queue: QueueState): QueueStats {
  let waiting = 0;
  let offered = 0;
  let assigned = 0;
  let oldest: number | undefined;
  for (const c of queue.contacts) {
    if (c.status === 'waiting') {
      waiting++;
      if (oldest === undefined || c.arrivedAt < oldest) oldest = c.arrivedAt;
    } else if (c.status === 'offered') offered++;
    else assigned++;
  }
  return { queueId: queue.id, waiting, offered, assigned, oldestWaitingArrivedAt: oldest };
}
