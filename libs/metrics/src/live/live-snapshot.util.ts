// Live metrics from the router's in-memory state at one instant: queue depth and longest current wait per
// queue, agents by status and live occupancy. Nothing here is stored; it is recomputed per request.
import type { AgentStatus, Channel } from '@switchboard/contracts';

export interface WaitingContact {
  readonly queueId: string | null;
  readonly channel: Channel;
  readonly queuedAt: number;
}

export interface LiveAgent {
  readonly agentId: string;
  readonly status: AgentStatus;
  readonly openAssignments: number;
  /** Concurrent conversations the agent may hold (summed over channel classes). */
  readonly capacity: number;
}

export interface LiveSnapshotInput {
  readonly now: number;
  readonly waiting: readonly WaitingContact[];
  readonly agents: readonly LiveAgent[];
}

export interface LiveQueueMetrics {
  readonly queueId: string | null;
  readonly depth: number;
  /** Wait so far of the oldest contact still waiting. */
  readonly longestWaitMs: number;
}

export interface LiveSnapshot {
  readonly at: number;
  /** Queues with at least one contact waiting, by queue id (the default queue, null, first). */
  readonly queues: readonly LiveQueueMetrics[];
  readonly depth: number;
  readonly longestWaitMs: number | null;
  readonly agentsByStatus: Readonly<Record<AgentStatus, number>>;
  /** Available agents with at least one free slot: who could take a contact now. */
  readonly agentsReady: number;
  /**
   * Staffed agents (available, busy, wrap-up) holding at least one open assignment / staffed agents: the
   * instant form of the historical occupancy (engaged time / staffed time), so the two agree over time.
   */
  readonly occupancy: number | null;
  /** Open assignments / capacity over staffed agents: how full the concurrent slots are. */
  readonly slotUtilisation: number | null;
}

const STAFFED: ReadonlySet<AgentStatus> = new Set<AgentStatus>(['available', 'busy', 'wrap_up']);

export function liveSnapshot(input: LiveSnapshotInput): LiveSnapshot {
  const oldest = new Map<string | null, { depth: number; queuedAt: number }>();
  for (const contact of input.waiting) {
    const seen = oldest.get(contact.queueId);
    oldest.set(contact.queueId, {
      depth: (seen?.depth ?? 0) + 1,
      queuedAt: Math.min(seen?.queuedAt ?? Infinity, contact.queuedAt),
    });
  }
  const queues = [...oldest.entries()]
    .map(([queueId, q]) => ({ queueId, depth: q.depth, longestWaitMs: Math.max(0, input.now - q.queuedAt) }))
    .sort((a, b) => (a.queueId ?? '').localeCompare(b.queueId ?? ''));

  const agentsByStatus: Record<AgentStatus, number> = {
    offline: 0,
    available: 0,
    away: 0,
    busy: 0,
    wrap_up: 0,
  };
  let agentsReady = 0;
  let staffed = 0;
  let engaged = 0;
  let open = 0;
  let slots = 0;
  for (const agent of input.agents) {
    agentsByStatus[agent.status] += 1;
    if (agent.status === 'available' && agent.openAssignments < agent.capacity) agentsReady += 1;
    if (STAFFED.has(agent.status)) {
      staffed += 1;
      if (agent.openAssignments > 0) engaged += 1;
      open += agent.openAssignments;
      slots += agent.capacity;
    }
  }
  return {
    at: input.now,
    queues,
    depth: input.waiting.length,
    longestWaitMs: queues.length === 0 ? null : Math.max(...queues.map((q) => q.longestWaitMs)),
    agentsByStatus,
    agentsReady,
    occupancy: staffed === 0 ? null : engaged / staffed,
    slotUtilisation: slots === 0 ? null : Math.min(1, open / slots),
  };
}
