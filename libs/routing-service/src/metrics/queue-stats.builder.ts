// Builds a tenant's live queue-stats record from what the router holds in memory: the routing core's queues and
// agents, and today's figures from the day tally. Pure and synchronous, so it reads one consistent instant.
import { QUEUE_STATS_V1, type QueueStatsV1 } from '@switchboard/contracts';
import type { DayTally } from '@switchboard/metrics';
import type { AgentLoad, QueueStats } from '@switchboard/routing-core';
import { DEFAULT_QUEUE_ID, toWireStatus } from '../engine/routing-input.mapper';

export interface QueueStatsInput {
  readonly tenantId: string;
  readonly now: number;
  readonly load: { readonly queues: readonly QueueStats[]; readonly agents: readonly AgentLoad[] };
  readonly today: Pick<DayTally, 'figuresOf'>;
}

export function buildQueueStats({ tenantId, now, load, today }: QueueStatsInput): QueueStatsV1 {
  const queues = load.queues
    .map((q) => {
      // The implicit default queue keeps its routing-core id on the wire: consoles show it as "Default".
      const figures = today.figuresOf(q.queueId === DEFAULT_QUEUE_ID ? null : q.queueId, now);
      return {
        queueId: q.queueId,
        waiting: q.waiting,
        longestWaitMs:
          q.oldestWaitingArrivedAt === undefined
            ? 0
            : Math.max(0, Math.round(now - q.oldestWaitingArrivedAt)),
        serviceLevelToday: figures.serviceLevel,
        asaTodayMs: figures.asaMs === null ? null : Math.round(figures.asaMs),
        answeredToday: figures.answered,
        abandonedToday: figures.abandoned,
      };
    })
    .sort((a, b) => a.queueId.localeCompare(b.queueId));
  const agents = load.agents
    .map((a) => ({ agentId: a.agentId, status: toWireStatus(a.status), load: a.held, capacity: a.capacity }))
    .sort((a, b) => a.agentId.localeCompare(b.agentId));
  return { schema: QUEUE_STATS_V1, tenantId, at: new Date(now).toISOString(), queues, agents };
}
