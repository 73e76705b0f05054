// Picks what a conversation is measured against: the queue's SLA policy, then its first matching override,
// then its per-channel-class defaults. Pure, so the router, the clocks and explanations always agree.
import {
  DEFAULT_SLA_WARN_AT_PERCENT,
  slaTargetRule,
  type ChannelClass,
  type SlaAction,
  type SlaTargetKind,
  type SlaTargetRule,
  type SlaTargets,
} from '@switchboard/contracts';
import type { BusinessCalendar } from '../business-calendar';

/** The clocks a conversation can run, one per target of a policy. */
export type SlaTargetName = 'firstResponse' | 'nextResponse' | 'resolution';
export const SLA_TARGET_NAMES: readonly SlaTargetName[] = ['firstResponse', 'nextResponse', 'resolution'];

/** An SLA policy as stored (targets parsed with SlaTargetsSchema), with its calendar resolved. */
export interface SlaPolicyRules {
  readonly id: string;
  readonly targets: SlaTargets;
  readonly warnAtPercent: number;
  readonly onWarning: readonly SlaAction[];
  readonly onBreach: readonly SlaAction[];
  /** null: the clocks count 24/7. */
  readonly calendar: BusinessCalendar | null;
}

export interface SlaMatchSubject {
  readonly channelClass: ChannelClass;
  /** A customer tier; any string is accepted and simply matches fewer overrides. */
  readonly tier: string;
  /** 0-100. */
  readonly priority: number;
}

/** Why a target has the value it has: the queue has no policy, an override (by index), a default, or none. */
export type SlaRuleMatch = SlaTargetRule | { readonly rule: 'noPolicy'; readonly targetMs: null };

/** The SLA in force for one conversation: plain JSON, so the clock state can embed it. */
export interface EffectiveSla {
  readonly policyId: string | null;
  readonly calendar: BusinessCalendar | null;
  /** Business ms per target; null: that clock is not measured. */
  readonly targets: Readonly<Record<SlaTargetName, number | null>>;
  readonly warnAtPercent: number;
  readonly onWarning: readonly SlaAction[];
  readonly onBreach: readonly SlaAction[];
  readonly matched: Readonly<Record<SlaTargetName, SlaRuleMatch>>;
}

const KIND_OF: Readonly<Record<SlaTargetName, SlaTargetKind>> = {
  firstResponse: 'firstResponseMs',
  nextResponse: 'nextResponseMs',
  resolution: 'resolutionMs',
};

const NO_POLICY_MATCH: SlaRuleMatch = { rule: 'noPolicy', targetMs: null };

/** What a conversation in a queue without an SLA policy gets: no targets, so no clock ever fires. */
export const NO_SLA: EffectiveSla = {
  policyId: null,
  calendar: null,
  targets: { firstResponse: null, nextResponse: null, resolution: null },
  warnAtPercent: DEFAULT_SLA_WARN_AT_PERCENT,
  onWarning: [],
  onBreach: [],
  matched: { firstResponse: NO_POLICY_MATCH, nextResponse: NO_POLICY_MATCH, resolution: NO_POLICY_MATCH },
};

/**
 * The effective SLA of a conversation with `subject`'s channel class, tier and priority in a queue whose
 * policy is `policy` (null: none). Each target is decided on its own: the first override that matches the
 * subject and sets that target for the channel class, else the class default, else no target.
 */
export function matchSlaPolicy(policy: SlaPolicyRules | null, subject: SlaMatchSubject): EffectiveSla {
  if (policy === null) return NO_SLA;
  const rule = (name: SlaTargetName): SlaTargetRule => slaTargetRule(policy.targets, KIND_OF[name], subject);
  const matched = {
    firstResponse: rule('firstResponse'),
    nextResponse: rule('nextResponse'),
    resolution: rule('resolution'),
  };
  return {
    policyId: policy.id,
    calendar: policy.calendar,
    targets: {
      firstResponse: matched.firstResponse.targetMs,
      nextResponse: matched.nextResponse.targetMs,
      resolution: matched.resolution.targetMs,
    },
    warnAtPercent: policy.warnAtPercent,
    onWarning: policy.onWarning,
    onBreach: policy.onBreach,
    matched,
  };
}
