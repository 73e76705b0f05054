// Decisions the engine emits. The host persists them, publishes them, and arms one timer at nextTimerAt().
import type { AgentStatus } from './agent.model';
import type { Channel } from './channel.model';
import type { EscalationReason, SkillRequirement } from './contact.model';
import type { RoutingStrategy } from './queue.model';

export interface ScoreBreakdown {
  /** priority + escalation + aging + slaUrgency + starvationBoost. */
  readonly total: number;
  readonly priority: number;
  /** Points from escalations (escalateContact); counted like priority. */
  readonly escalation: number;
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

export type OfferRule = 'sticky-preferred' | 'sticky-last' | 'transfer' | RoutingStrategy;

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

/** Why a live offer was taken back without an answer: the contact left, an escalation, or a transfer. */
export type RescindCause = 'withdrawn' | 'rescinded' | 'transferred';

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
      readonly cause: RescindCause;
      /** For 'rescinded': the escalation that pulled the offer back. */
      readonly reason?: EscalationReason;
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
      /** The plan step that fired; 0 when an escalation asked for the overflow. */
      readonly step: number;
      /** Set when an escalation, not the relaxation plan, moved the contact. */
      readonly cause?: 'escalation';
      readonly at: number;
    }
  | {
      readonly type: 'escalated';
      readonly contactId: string;
      readonly tenantId: string;
      readonly queueId: string;
      readonly cause: 'sla-urgency' | 'starvation';
      readonly at: number;
    }
  | {
      /** First of an escalation's decisions; 'relaxed' and 'overflowed' follow when it widened or moved. */
      readonly type: 'contactEscalated';
      readonly contactId: string;
      readonly tenantId: string;
      /** The queue the contact was in when escalated. */
      readonly queueId: string;
      readonly reason: EscalationReason;
      /** Points added now (less than asked when the cap was reached). */
      readonly raisedBy: number;
      /** Escalation points the contact now carries in total. */
      readonly escalationPoints: number;
      readonly state: 'waiting' | 'offered' | 'assigned';
      readonly at: number;
    }
  | {
      /** The host re-matches the SLA policy on this; an 'assigned' transfer ends the assignment. */
      readonly type: 'contactTransferred';
      readonly contactId: string;
      readonly tenantId: string;
      readonly fromQueueId: string;
      readonly toQueueId: string;
      /** State before the transfer; the contact now waits in toQueueId. */
      readonly fromState: 'waiting' | 'offered' | 'assigned';
      /** The agent that held the offer or assignment, if any. */
      readonly agentId?: string;
      readonly offerId?: string;
      readonly byAgentId?: string;
      readonly reason?: string;
      /** The agent it was handed to by name (transferToAgent); the 'offer' to them follows. */
      readonly toAgentId?: string;
      /** Ring 0 in the new queue. */
      readonly requiredSkills: readonly SkillRequirement[];
      readonly at: number;
    };

export type RoutingDecisionType = RoutingDecision['type'];
