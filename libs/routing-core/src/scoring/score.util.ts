// The one contact score. It is piecewise linear in time, and within one phase every contact of a queue
// has the same slope, so the order inside a (queue, phase) bucket never changes between phase changes.
// Phase changes happen at known instants (urgency start, starvation bound) and are timer events.
import type { ScoreBreakdown } from '../model/routing-decision.model';

/** Lifts a starved contact above every non-starved score. */
export const STARVATION_BOOST = 1_000_000_000;
/** Starved contacts gain this many points per minute past their bound, so they are served in bound order. */
export const STARVED_POINTS_PER_MINUTE = 1;

const MINUTE_MS = 60_000;
const STARVED_PER_MS = STARVED_POINTS_PER_MINUTE / MINUTE_MS;

export const PHASE_NORMAL = 0;
export const PHASE_URGENT = 1;
export const PHASE_STARVED = 2;
export type ScorePhase = typeof PHASE_NORMAL | typeof PHASE_URGENT | typeof PHASE_STARVED;

export interface ScoreInputs {
  readonly basePriority: number;
  /** Points from escalations; like priority, they do not count once starved (the plateau ignores both). */
  readonly escalationPoints: number;
  readonly arrivedAt: number;
  /** SLA deadline minus the urgency window; Infinity without an SLA. */
  readonly urgentAt: number;
  /** arrivedAt plus the tier's bound; Infinity without a bound. */
  readonly starvedAt: number;
  readonly agingPerMs: number;
  readonly urgencyPerMs: number;
}

export function perMinuteToPerMs(pointsPerMinute: number): number {
  return pointsPerMinute / MINUTE_MS;
}

export function phaseAt(s: ScoreInputs, t: number): ScorePhase {
  if (t >= s.starvedAt) return PHASE_STARVED;
  if (t >= s.urgentAt) return PHASE_URGENT;
  return PHASE_NORMAL;
}

/** The next instant after t at which the phase changes, or Infinity. */
export function nextPhaseChangeAfter(s: ScoreInputs, t: number): number {
  if (t >= s.starvedAt) return Infinity;
  if (t < s.urgentAt && s.urgentAt < s.starvedAt) return s.urgentAt;
  return s.starvedAt;
}

/**
 * Time-invariant sort key inside one (queue, phase) bucket: score(t) minus slope × t.
 * Equal slopes make "higher key" the same as "higher score" at every instant of the phase.
 */
export function bucketKey(s: ScoreInputs, phase: ScorePhase): number {
  if (phase === PHASE_STARVED) return STARVATION_BOOST - s.starvedAt * STARVED_PER_MS;
  let key = s.basePriority + s.escalationPoints - s.agingPerMs * s.arrivedAt;
  if (phase === PHASE_URGENT) key -= s.urgencyPerMs * s.urgentAt;
  return key;
}

/** How fast the score grows in a phase (points per ms); equal within a (queue, phase) bucket. */
export function slopeOf(s: ScoreInputs, phase: ScorePhase): number {
  if (phase === PHASE_STARVED) return STARVED_PER_MS;
  return phase === PHASE_URGENT ? s.agingPerMs + s.urgencyPerMs : s.agingPerMs;
}

/**
 * The score used for ordering: key + slope × t. Mathematically equal to scoreAt; computed this one way
 * everywhere ordering is decided so comparisons are consistent to the last bit.
 */
export function orderScore(key: number, slope: number, t: number): number {
  return key + slope * t;
}

/** Score at t, evaluated in the given phase (the contact's current phase, refreshed by timers). */
export function scoreAt(s: ScoreInputs, phase: ScorePhase, t: number): number {
  if (phase === PHASE_STARVED) return STARVATION_BOOST + (t - s.starvedAt) * STARVED_PER_MS;
  let score = s.basePriority + s.escalationPoints + s.agingPerMs * (t - s.arrivedAt);
  if (phase === PHASE_URGENT) score += s.urgencyPerMs * (t - s.urgentAt);
  return score;
}

export function scoreBreakdown(s: ScoreInputs, phase: ScorePhase, t: number): ScoreBreakdown {
  const waitedMs = t - s.arrivedAt;
  const priority = s.basePriority;
  const aging = s.agingPerMs * waitedMs;
  const slaUrgency =
    phase === PHASE_NORMAL || !Number.isFinite(s.urgentAt) ? 0 : s.urgencyPerMs * Math.max(0, t - s.urgentAt);
  const escalation = s.escalationPoints;
  const plain = priority + escalation + aging + slaUrgency;
  if (phase !== PHASE_STARVED) {
    return {
      total: plain,
      priority,
      escalation,
      aging,
      slaUrgency,
      starvationBoost: 0,
      starved: false,
      waitedMs,
    };
  }
  const total = scoreAt(s, phase, t);
  return {
    total,
    priority,
    escalation,
    aging,
    slaUrgency,
    starvationBoost: total - plain,
    starved: true,
    waitedMs,
  };
}

/** Strict order of two contacts at the same score: earlier arrival first, then id. */
export function tieBreakBefore(aArrived: number, aId: string, bArrived: number, bId: string): boolean {
  return aArrived < bArrived || (aArrived === bArrived && aId < bId);
}
