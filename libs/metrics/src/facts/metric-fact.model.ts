// The pure input records of the metrics: one fact per measured thing, derived by the router from the routing
// events it writes (docs/metrics.md maps each fact to its events). Instants and durations are epoch ms / ms.
import type { AgentStatus, Channel } from '@switchboard/contracts';

interface ContactFactBase {
  readonly tenantId: string;
  /** The instant the fact is attributed to: its bucket is the one containing `at`. */
  readonly at: number;
  readonly queueId: string | null;
  readonly channel: Channel;
}

/** A new conversation entered a queue (`conversation.queued`): counts as offered to the queue. */
export interface ContactQueuedFact extends ContactFactBase {
  readonly kind: 'contactQueued';
}

/** An agent accepted the contact (`assignment.created`); `at` is the acceptance, `waitMs` the time queued. */
export interface ContactAnsweredFact extends ContactFactBase {
  readonly kind: 'contactAnswered';
  readonly agentId: string;
  readonly waitMs: number;
  /** The queue's service-level threshold; null leaves the contact out of the service level. */
  readonly thresholdMs: number | null;
}

/** The contact ended before any agent accepted it; `waitMs` is how long it had waited. */
export interface ContactAbandonedFact extends ContactFactBase {
  readonly kind: 'contactAbandoned';
  readonly waitMs: number;
  readonly thresholdMs: number | null;
}

/** A first or next response was sent; `withinTarget` is the SLA outcome (null when no target ran). */
export interface ResponseMeasuredFact extends ContactFactBase {
  readonly kind: 'responseMeasured';
  readonly response: 'first' | 'next';
  readonly agentId: string | null;
  readonly ms: number;
  readonly withinTarget: boolean | null;
}

/** An assignment ended with the conversation resolved; `handleMs` runs from acceptance to resolution. */
export interface ContactHandledFact extends ContactFactBase {
  readonly kind: 'contactHandled';
  readonly agentId: string;
  readonly handleMs: number;
}

/** A customer's satisfaction answer on a 1-5 scale. */
export interface CsatScoredFact extends ContactFactBase {
  readonly kind: 'csatScored';
  readonly agentId: string | null;
  readonly score: number;
}

/** A stored wait estimate met the actual wait when its contact was answered. */
export interface WaitEstimateScoredFact extends ContactFactBase {
  readonly kind: 'waitEstimateScored';
  readonly estimatedMs: number;
  readonly actualMs: number;
}

interface AgentSpanBase {
  readonly tenantId: string;
  readonly agentId: string;
  /** Spans cover [start, start + ms) and are split across every bucket they overlap. */
  readonly start: number;
  readonly ms: number;
}

/** The agent spent `ms` in one status (`agent.status-changed` closes the previous span). */
export interface AgentStateSpanFact extends AgentSpanBase {
  readonly kind: 'agentStateSpan';
  readonly status: AgentStatus;
}

/** The agent held at least one open assignment for `ms` (the numerator of occupancy). */
export interface AgentEngagedSpanFact extends AgentSpanBase {
  readonly kind: 'agentEngagedSpan';
}

/**
 * A queue held `depth` contacts waiting over [start, start + ms): split across every bucket it overlaps, it adds
 * depth × ms to each bucket's depthMsSum and raises its maxDepth. A zero-length span only raises the maximum.
 */
export interface QueueDepthSpanFact {
  readonly kind: 'queueDepthSpan';
  readonly tenantId: string;
  /** The named queue, or null for the tenant's total over every queue (the default one included). */
  readonly queueId: string | null;
  readonly start: number;
  readonly ms: number;
  readonly depth: number;
}

export type ContactFact =
  | ContactQueuedFact
  | ContactAnsweredFact
  | ContactAbandonedFact
  | ResponseMeasuredFact
  | ContactHandledFact
  | CsatScoredFact
  | WaitEstimateScoredFact;

export type AgentSpanFact = AgentStateSpanFact | AgentEngagedSpanFact;

export type MetricFact = ContactFact | AgentSpanFact | QueueDepthSpanFact;
export type MetricFactKind = MetricFact['kind'];
