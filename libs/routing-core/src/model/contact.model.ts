// A routable conversation as the host describes it, plus the read-only view the engine exposes.
import type { Channel } from './channel.model';

export interface SkillRequirement {
  readonly skill: string;
  /** Minimum proficiency, 1..10. */
  readonly minProficiency: number;
}

export interface ContactInput {
  readonly id: string;
  readonly tenantId: string;
  readonly channel: Channel;
  readonly queueId: string;
  /** Points; higher is served sooner. Defaults to 0. */
  readonly basePriority?: number;
  readonly requiredSkills?: readonly SkillRequirement[];
  /** Fit bonus; also required in the inner bullseye ring when the queue has a drop-optional step. */
  readonly optionalSkills?: readonly SkillRequirement[];
  readonly language?: string;
  /** Selects the queue's starvation bound (e.g. 'vip', 'standard'). */
  readonly customerTier?: string;
  readonly preferredAgentId?: string;
  readonly lastAgentId?: string;
  /** When lastAgentId last handled this customer; stickiness to lastAgentId needs it within the window. */
  readonly lastHandledAt?: number;
  /** Defaults to now. Restores pass the original arrival so age is kept. */
  readonly arrivedAt?: number;
  readonly slaDeadline?: number;
  /**
   * Offers this contact already had (a restored or a reopened conversation). Offer ids are `<contact>:<n>`,
   * so counting on from here keeps new ids unique.
   */
  readonly offerAttempts?: number;
}

/** Extra state a host persists so that a restart rebuilds the same routing state. */
export interface RestoredContactInput extends ContactInput {
  /** When the contact entered its current queue (after overflows); defaults to arrivedAt. */
  readonly enteredQueueAt?: number;
  /** Relaxation steps of the current queue already applied (the 'step' of its last 'relaxed' decision). */
  readonly relaxationStep?: number;
  /** Agents that declined or missed this contact. */
  readonly excludedAgentIds?: readonly string[];
  /** Escalations applied since the contact entered its queue by arrival or transfer ('contactEscalated' decisions). */
  readonly escalations?: readonly AppliedEscalation[];
}

export const ESCALATION_CAUSES = ['sla-warning', 'sla-breach', 'supervisor', 'agent-disconnected'] as const;
export type EscalationCause = (typeof ESCALATION_CAUSES)[number];

/** Why the host escalates or pulls back an offer; cause and target together identify it. */
export interface EscalationReason {
  readonly cause: EscalationCause;
  /** The SLA target (e.g. 'first-response') or, for a supervisor, who asked. */
  readonly target: string;
}

/** An escalation the contact carries: its reason and the points it added. */
export interface AppliedEscalation {
  readonly reason: EscalationReason;
  readonly raisedBy: number;
}

export type ContactState = 'waiting' | 'offered' | 'assigned';

export interface ContactView {
  readonly id: string;
  readonly tenantId: string;
  readonly queueId: string;
  readonly state: ContactState;
  readonly arrivedAt: number;
  readonly enteredQueueAt: number;
  readonly relaxationStep: number;
  /** Required skills at the current relaxation step (the bullseye ring in force). */
  readonly currentRequirements: readonly SkillRequirement[];
  readonly language: string | undefined;
  readonly excludedAgentIds: readonly string[];
  /** Escalations applied in the current queue stint; their points add to the score until starvation. */
  readonly escalations: readonly AppliedEscalation[];
  readonly agentId: string | undefined;
  readonly offerId: string | undefined;
  readonly offerExpiresAt: number | undefined;
  /** Offers made so far, this one included; a host reopening the contact later counts on from it. */
  readonly offerAttempts: number;
  /** Score at the engine's current time. */
  readonly score: number;
  readonly starved: boolean;
}
