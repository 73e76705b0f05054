// Queue routing policy as the host configures it. Defaults live in policy/queue-policy.ts.
import type { PerChannelClass } from './channel.model';
import type { SkillRequirement } from './contact.model';

export const ROUTING_STRATEGIES = ['best-fit', 'longest-idle', 'least-occupied', 'round-robin'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** Bullseye rings; each step's wait is measured from when the contact entered the queue. */
export type RelaxationStep =
  | { readonly afterMs: number; readonly action: 'drop-optional' }
  | { readonly afterMs: number; readonly action: 'lower-proficiency'; readonly by: number }
  | { readonly afterMs: number; readonly action: 'overflow'; readonly queueId: string };

export interface QueuePolicyInput {
  readonly id: string;
  readonly tenantId: string;
  readonly strategy?: RoutingStrategy;
  /** Skills every contact in this queue needs, merged with the contact's own. */
  readonly requiredSkills?: readonly SkillRequirement[];
  /** Aging: points added per minute waited. Default 1. */
  readonly agingPointsPerMinute?: number;
  /** SLA urgency starts this long before the SLA deadline. Default 5 minutes. */
  readonly slaUrgencyWindowMs?: number;
  /** SLA urgency: points per minute once inside the window (keeps growing after breach). Default 10. */
  readonly slaUrgencyPointsPerMinute?: number;
  /** Hard bound on waiting per customer tier, in ms. */
  readonly starvationBoundMs?: Readonly<Record<string, number>>;
  /** Bound for tiers not listed above (and contacts without a tier). Default: none. */
  readonly defaultStarvationBoundMs?: number;
  /** How long an agent has to accept, per class. Defaults: chat 30 s, email 120 s, social 60 s, voice 20 s. */
  readonly offerTimeoutMs?: PerChannelClass<number>;
  readonly relaxation?: readonly RelaxationStep[];
  /** lastAgentId is preferred when lastHandledAt is within this window of arrival. Default 24 h. */
  readonly stickinessWindowMs?: number;
  /** Consecutive missed (timed-out) offers before the agent is set away. Default 3. */
  readonly maxMissedOffers?: number;
}
