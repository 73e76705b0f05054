// Decisions the engine emits. The host persists them, publishes them, and arms one timer at nextTimerAt().
import type { AgentStatus } from './agent.model';
import type { Channel } from './channel.model';
import type { SkillRequirement } from './contact.model';
import type { RoutingStrategy } from './queue.model';

export interface ScoreBreakdown {
  /** priority + aging + slaUrgency + starvationBoost. */
  readonly total: number;
  readonly priority: number;
  readonly aging: number;
  readonly slaUrgency: number;
  /** 0 unless starved; then it lifts the contact to the starvation plateau (see docs/routing.md). */
  readonly starvationBoost: number;
  readonly starved: boolean;
  readonly waitedMs: number;
}

export interface AgentFit {
  readonly agentId: string;
  /** Sum of the agent's proficiency over the required and matched optional skills. */
  readonly skillFit: number;
  /** Weighted units in use / weighted units available, 0..1. */
  readonly occupancy: number;
  readonly idleMs: number;
}

export type OfferRule = 'sticky-preferred' | 'sticky-last' | RoutingStrategy;

export interface OfferReason {
  /** What picked this agent: a stickiness rule or the queue's strategy. */
  readonly rule: OfferRule;
  readonly strategy: RoutingStrategy;
  readonly queueId: string;
  readonly relaxationStep: number;
  readonly score: ScoreBreakdown;
  readonly chosen: AgentFit;
  /** The best few eligible agents that lost, best first (bounded, empty when nobody else could take it). */
  readonly beat: readonly AgentFit[];
}

export type RequeueCause = 'declined' | 'timeout' | 'agent-offline' | 'agent-removed';

export type RoutingDecision =
  | {
      readonly type: 'offer';
      readonly offerId: string;
      readonly contactId: string;
      readonly tenantId: string;
      readonly queueId: string;
      readonly channel: Channel;
      readonly agentId: string;
      readonly at: number;
      readonly expiresAt: number;
      readonly reason: OfferReason;
    }
  | {
      readonly type: 'assigned';
      readonly offerId: string;
      readonly contactId: string;
      readonly tenantId: string;
      readonly agentId: string;
      readonly at: number;
      readonly waitedMs: number;
    }
  | {
      readonly type: 'requeued';
      readonly offerId: string;
      readonly contactId: string;
      readonly tenantId: string;
      readonly agentId: string;
      readonly cause: RequeueCause;
      readonly at: number;
    }
  | {
      readonly type: 'offerRescinded';
      readonly offerId: string;
      readonly contactId: string;
      readonly tenantId: string;
      readonly agentId: string;
      readonly cause: 'withdrawn';
      readonly at: number;
    }
  | {
      readonly type: 'agentStatusChanged';
      readonly agentId: string;
      readonly tenantId: string;
      readonly from: AgentStatus;
      readonly to: AgentStatus;
      readonly cause: 'missed-offers';
      readonly at: number;
    }
  | {
      readonly type: 'relaxed';
      readonly contactId: string;
      readonly tenantId: string;
      readonly queueId: string;
      readonly step: number;
      readonly action: 'drop-optional' | 'lower-proficiency';
      readonly requiredSkills: readonly SkillRequirement[];
      readonly at: number;
    }
  | {
      readonly type: 'overflowed';
      readonly contactId: string;
      readonly tenantId: string;
      readonly fromQueueId: string;
      readonly toQueueId: string;
      readonly step: number;
      readonly at: number;
    }
  | {
      readonly type: 'escalated';
      readonly contactId: string;
      readonly tenantId: string;
      readonly queueId: string;
      readonly cause: 'sla-urgency' | 'starvation';
      readonly at: number;
    };

export type RoutingDecisionType = RoutingDecision['type'];
