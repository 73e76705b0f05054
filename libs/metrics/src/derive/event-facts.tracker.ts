// Derives metric facts from one tenant's routing events, in log order. It keeps just enough memory per open
// conversation and per agent (when queued, when accepted, who holds what, which status since when) to turn
// each event into the facts it closes. The router owns one per tenant and rebuilds it with the tenant.
import type { AgentStatus, Channel, RoutingEventV1 } from '@switchboard/contracts';
import type { MetricFact } from '../facts/metric-fact.model';

export interface EventFactTrackerOptions {
  readonly tenantId: string;
  /** The queue's service-level threshold; null leaves its contacts out of the service level. */
  readonly thresholdMsOf: (queueId: string | null, channel: Channel) => number | null;
}

/** An open conversation as a rebuild finds it (all instants epoch ms). */
export interface TrackedConversation {
  readonly conversationId: string;
  readonly queueId: string | null;
  readonly channel: Channel;
  readonly queuedAt: number;
  readonly assignment: { readonly agentId: string; readonly acceptedAt: number } | null;
  readonly replied: boolean;
  /** The first customer message since the last reply, once a reply was sent: the running next-response clock. */
  readonly awaitingReplySince: number | null;
}

export interface TrackedAgent {
  readonly agentId: string;
  readonly status: AgentStatus;
}

/** What a rebuild hands over. Spans restart at `at`: time since the last flush is lost, never counted twice. */
export interface TrackerRestore {
  readonly at: number;
  readonly conversations: readonly TrackedConversation[];
  readonly agents: readonly TrackedAgent[];
}

export interface EventFactTracker {
  /** The facts this event completes (often none). */
  apply(event: RoutingEventV1): MetricFact[];
  /** Closes every open span at `now` and reopens it there; call at bucket boundaries so staffed time shows. */
  flush(now: number): MetricFact[];
  /** Replaces the memory with a rebuilt tenant's open conversations and agents. */
  restore(snapshot: TrackerRestore): void;
}

interface ConversationMemory {
  queueId: string | null;
  channel: Channel;
  queuedAt: number;
  assignment: { agentId: string; acceptedAt: number } | null;
  replied: boolean;
  awaitingReplySince: number | null;
}

interface AgentMemory {
  status: AgentStatus | null;
  since: number;
  openAssignments: number;
  engagedSince: number;
}

export function createEventFactTracker(options: EventFactTrackerOptions): EventFactTracker {
  const { tenantId } = options;
  const conversations = new Map<string, ConversationMemory>();
  const agents = new Map<string, AgentMemory>();

  const agent = (agentId: string, at: number): AgentMemory => {
    let memory = agents.get(agentId);
    if (memory === undefined) {
      memory = { status: null, since: at, openAssignments: 0, engagedSince: at };
      agents.set(agentId, memory);
    }
    return memory;
  };
  const contact = (c: ConversationMemory) => ({ tenantId, queueId: c.queueId, channel: c.channel });

  const engage = (agentId: string, at: number): void => {
    const memory = agent(agentId, at);
    if (memory.openAssignments === 0) memory.engagedSince = at;
    memory.openAssignments += 1;
  };
  const release = (agentId: string, at: number): MetricFact[] => {
    const memory = agent(agentId, at);
    if (memory.openAssignments === 0) return [];
    memory.openAssignments -= 1;
    if (memory.openAssignments > 0) return [];
    return [
      {
        kind: 'agentEngagedSpan',
        tenantId,
        agentId,
        start: memory.engagedSince,
        ms: at - memory.engagedSince,
      },
    ];
  };

  const onEvent = (event: RoutingEventV1, at: number): MetricFact[] => {
    switch (event.type) {
      // A reopened conversation waits again, like a new one.
      case 'conversation.queued':
      case 'conversation.reopened': {
        const memory: ConversationMemory = {
          queueId: event.queueId,
          channel: event.channel,
          queuedAt: at,
          assignment: null,
          replied: false,
          awaitingReplySince: null,
        };
        conversations.set(event.conversationId, memory);
        return [{ kind: 'contactQueued', ...contact(memory), at }];
      }
      case 'assignment.created': {
        const c = conversations.get(event.conversationId);
        if (c === undefined || c.assignment !== null) return [];
        c.assignment = { agentId: event.agentId, acceptedAt: at };
        engage(event.agentId, at);
        const thresholdMs = options.thresholdMsOf(c.queueId, c.channel);
        return [
          {
            kind: 'contactAnswered',
            ...contact(c),
            agentId: event.agentId,
            at,
            waitMs: at - c.queuedAt,
            thresholdMs,
          },
        ];
      }
      case 'message.received': {
        const c = conversations.get(event.conversationId);
        if (c !== undefined && c.replied && c.awaitingReplySince === null) c.awaitingReplySince = at;
        return [];
      }
      case 'reply.created': {
        const c = conversations.get(event.conversationId);
        // A system message (auto-acknowledgement, survey) is no response: only an agent's reply counts.
        if (c === undefined || (event.kind ?? 'agent') !== 'agent') return [];
        const base = {
          kind: 'responseMeasured',
          ...contact(c),
          agentId: event.agentId,
          at,
          withinTarget: null,
        } as const;
        if (!c.replied) {
          c.replied = true;
          return [{ ...base, response: 'first', ms: at - c.queuedAt }];
        }
        if (c.awaitingReplySince === null) return [];
        const since = c.awaitingReplySince;
        c.awaitingReplySince = null;
        return [{ ...base, response: 'next', ms: at - since }];
      }
      case 'conversation.resolved': {
        const c = conversations.get(event.conversationId);
        if (c === undefined) return [];
        conversations.delete(event.conversationId);
        if (c.assignment === null) {
          const thresholdMs = options.thresholdMsOf(c.queueId, c.channel);
          return [{ kind: 'contactAbandoned', ...contact(c), at, waitMs: at - c.queuedAt, thresholdMs }];
        }
        const { agentId, acceptedAt } = c.assignment;
        return [
          { kind: 'contactHandled', ...contact(c), agentId, at, handleMs: at - acceptedAt },
          ...release(agentId, at),
        ];
      }
      case 'conversation.abandoned': {
        // The router abandons only conversations no agent answered; one that was is not counted twice.
        const c = conversations.get(event.conversationId);
        if (c === undefined || c.assignment !== null) return [];
        conversations.delete(event.conversationId);
        const thresholdMs = options.thresholdMsOf(c.queueId, c.channel);
        return [{ kind: 'contactAbandoned', ...contact(c), at, waitMs: at - c.queuedAt, thresholdMs }];
      }
      case 'agent.status-changed': {
        const memory = agent(event.agentId, at);
        const closed = closeStatus(event.agentId, memory, at);
        memory.status = event.status;
        memory.since = at;
        return closed;
      }
      case 'conversation.transferred': {
        // Later facts count against the queue the conversation now waits in.
        const c = conversations.get(event.conversationId);
        if (c !== undefined) c.queueId = event.toQueueId;
        return [];
      }
      case 'offer.created':
      case 'offer.closed':
      case 'command.rejected':
      case 'delivery.status':
      case 'conversation.awaiting-customer':
      case 'conversation.noted':
      case 'conversation.wrapped-up':
      case 'sla.warning':
      case 'sla.breached':
      case 'sla.met':
      case 'follow-up.scheduled':
      case 'follow-up.cancelled':
      case 'follow-up.due':
        // SLA outcomes are measured by the clocks themselves; response facts are timed from the events above.
        return [];
      case 'csat.received':
        // The answer names its own queue and channel: the conversation ended, and left this memory, before it.
        return [
          {
            kind: 'csatScored',
            tenantId,
            queueId: event.queueId,
            channel: event.channel,
            agentId: event.agentId,
            score: event.score,
            at,
          },
        ];
    }
  };

  const closeStatus = (agentId: string, memory: AgentMemory, at: number): MetricFact[] =>
    memory.status === null || at <= memory.since
      ? []
      : [
          {
            kind: 'agentStateSpan',
            tenantId,
            agentId,
            status: memory.status,
            start: memory.since,
            ms: at - memory.since,
          },
        ];

  return {
    apply: (event) => onEvent(event, Date.parse(event.at)),
    flush: (now) => {
      const facts: MetricFact[] = [];
      for (const [agentId, memory] of agents) {
        facts.push(...closeStatus(agentId, memory, now));
        memory.since = Math.max(memory.since, now);
        if (memory.openAssignments > 0 && now > memory.engagedSince) {
          facts.push({
            kind: 'agentEngagedSpan',
            tenantId,
            agentId,
            start: memory.engagedSince,
            ms: now - memory.engagedSince,
          });
          memory.engagedSince = now;
        }
      }
      return facts;
    },
    restore: (snapshot) => {
      conversations.clear();
      agents.clear();
      for (const a of snapshot.agents) agent(a.agentId, snapshot.at).status = a.status;
      for (const c of snapshot.conversations) {
        const { conversationId, ...memory } = c;
        conversations.set(conversationId, { ...memory });
        if (c.assignment !== null) engage(c.assignment.agentId, snapshot.at);
      }
    },
  };
}
