// Normalizes and validates a queue policy once, so the hot path reads plain numbers.
import { CHANNEL_CLASSES, CLASS_COUNT } from '../model/channel.model';
import type { SkillRequirement } from '../model/contact.model';
import type { QueuePolicyInput, RelaxationStep, RoutingStrategy } from '../model/queue.model';
import { ROUTING_STRATEGIES } from '../model/queue.model';
import { invalid } from '../model/routing.error';
import { perMinuteToPerMs } from '../scoring/score.util';
import { checkId, checkNonNegative, checkRequirements } from './input-validation.util';

export const DEFAULT_OFFER_TIMEOUT_MS: Readonly<Record<string, number>> = {
  chat: 30_000,
  email: 120_000,
  social: 60_000,
  voice: 20_000,
};
export const DEFAULT_AGING_POINTS_PER_MINUTE = 1;
export const DEFAULT_SLA_URGENCY_WINDOW_MS = 5 * 60_000;
export const DEFAULT_SLA_URGENCY_POINTS_PER_MINUTE = 10;
export const DEFAULT_STICKINESS_WINDOW_MS = 24 * 3_600_000;
export const DEFAULT_MAX_MISSED_OFFERS = 3;

export interface QueuePolicy {
  readonly id: string;
  readonly tenantId: string;
  readonly strategy: RoutingStrategy;
  readonly requiredSkills: readonly SkillRequirement[];
  readonly agingPerMs: number;
  readonly urgencyPerMs: number;
  readonly urgencyWindowMs: number;
  readonly starvationBoundMs: ReadonlyMap<string, number>;
  /** Infinity when no bound applies. */
  readonly defaultStarvationBoundMs: number;
  /** Indexed by channel class index. */
  readonly offerTimeoutMs: readonly number[];
  readonly steps: readonly RelaxationStep[];
  /** Optional skills are part of the inner bullseye ring only when a later step drops them. */
  readonly optionalInInnerRing: boolean;
  readonly stickinessWindowMs: number;
  readonly maxMissedOffers: number;
}

export function normalizeQueuePolicy(input: QueuePolicyInput): QueuePolicy {
  checkId(input.id, 'queue.id');
  checkId(input.tenantId, 'queue.tenantId');
  const strategy = input.strategy ?? 'best-fit';
  if (!ROUTING_STRATEGIES.includes(strategy))
    throw invalid(`queue.strategy: unknown strategy '${String(strategy)}'`);
  checkRequirements(input.requiredSkills ?? [], 'queue.requiredSkills');
  const aging = checkNonNegative(
    input.agingPointsPerMinute ?? DEFAULT_AGING_POINTS_PER_MINUTE,
    'queue.agingPointsPerMinute',
  );
  const urgency = checkNonNegative(
    input.slaUrgencyPointsPerMinute ?? DEFAULT_SLA_URGENCY_POINTS_PER_MINUTE,
    'queue.slaUrgencyPointsPerMinute',
  );
  const window = checkNonNegative(
    input.slaUrgencyWindowMs ?? DEFAULT_SLA_URGENCY_WINDOW_MS,
    'queue.slaUrgencyWindowMs',
  );
  const bounds = new Map<string, number>();
  for (const [tier, ms] of Object.entries(input.starvationBoundMs ?? {})) {
    bounds.set(tier, checkNonNegative(ms, `queue.starvationBoundMs.${tier}`));
  }
  const defaultBound =
    input.defaultStarvationBoundMs === undefined
      ? Infinity
      : checkNonNegative(input.defaultStarvationBoundMs, 'queue.defaultStarvationBoundMs');
  const timeouts: number[] = [];
  for (let c = 0; c < CLASS_COUNT; c++) {
    const cls = CHANNEL_CLASSES[c];
    const ms = input.offerTimeoutMs?.[cls] ?? DEFAULT_OFFER_TIMEOUT_MS[cls];
    if (!(ms > 0) || !Number.isFinite(ms))
      throw invalid(`queue.offerTimeoutMs.${cls}: must be a positive number`);
    timeouts.push(ms);
  }
  const steps = checkSteps(input.relaxation ?? [], input.id);
  const maxMissed = input.maxMissedOffers ?? DEFAULT_MAX_MISSED_OFFERS;
  if (!Number.isInteger(maxMissed) || maxMissed < 1)
    throw invalid('queue.maxMissedOffers: must be an integer >= 1');
  return {
    id: input.id,
    tenantId: input.tenantId,
    strategy,
    requiredSkills: [...(input.requiredSkills ?? [])],
    agingPerMs: perMinuteToPerMs(aging),
    urgencyPerMs: perMinuteToPerMs(urgency),
    urgencyWindowMs: window,
    starvationBoundMs: bounds,
    defaultStarvationBoundMs: defaultBound,
    offerTimeoutMs: timeouts,
    steps,
    optionalInInnerRing: steps.some((s) => s.action === 'drop-optional'),
    stickinessWindowMs: checkNonNegative(
      input.stickinessWindowMs ?? DEFAULT_STICKINESS_WINDOW_MS,
      'queue.stickinessWindowMs',
    ),
    maxMissedOffers: maxMissed,
  };
}

export function starvationBoundFor(policy: QueuePolicy, tier: string | undefined): number {
  if (tier !== undefined) {
    const bound = policy.starvationBoundMs.get(tier);
    if (bound !== undefined) return bound;
  }
  return policy.defaultStarvationBoundMs;
}

function checkSteps(steps: readonly RelaxationStep[], queueId: string): RelaxationStep[] {
  let previous = 0;
  steps.forEach((step, i) => {
    const where = `queue.relaxation[${i}]`;
    checkNonNegative(step.afterMs, `${where}.afterMs`);
    if (step.afterMs < previous)
      throw invalid(`${where}.afterMs: steps must be in non-decreasing order of wait`);
    previous = step.afterMs;
    switch (step.action) {
      case 'drop-optional':
        break;
      case 'lower-proficiency':
        if (!Number.isInteger(step.by) || step.by < 1) throw invalid(`${where}.by: must be an integer >= 1`);
        break;
      case 'overflow':
        checkId(step.queueId, `${where}.queueId`);
        if (step.queueId === queueId) throw invalid(`${where}.queueId: a queue cannot overflow into itself`);
        // A zero wait could bounce a contact between two queues forever within one instant.
        if (step.afterMs <= 0) throw invalid(`${where}.afterMs: an overflow step needs a wait > 0`);
        break;
      default:
        throw invalid(`${where}.action: unknown action`);
    }
  });
  return [...steps];
}
