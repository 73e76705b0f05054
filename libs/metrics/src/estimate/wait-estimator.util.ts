// Estimates how long a newly queued contact will wait, for the auto-acknowledgement. The model is M/M/s
// without abandons: with `slots` busy slots each freeing after an exponential handle time of mean H, a
// slot frees every H / slots on average, so the k-th release is expected after k * H / slots.
import { MetricsError, MetricsErrorCode } from '../metrics.error';

export interface WaitEstimateInput {
  /** 1-based place in line among the contacts competing for the same agents (1 = next to be served). */
  readonly position: number;
  /** Staffed agents eligible for the queue (available, busy or in wrap-up); away and offline do not count. */
  readonly agentsServing: number;
  /** Concurrent conversations each agent holds on this channel class. */
  readonly capacityPerAgent: number;
  /** Slots free right now among those agents (a contact can wait with free slots, e.g. mid-offer). */
  readonly freeSlots?: number;
  /** Recent handle time (handleTimeEwma's meanMs), or null when the queue has no history yet. */
  readonly handleTimeMs: number | null;
}

export type WaitEstimateBasis =
  | { readonly kind: 'free-slot' }
  | {
      readonly kind: 'queue';
      readonly releasesNeeded: number;
      readonly slots: number;
      readonly handleTimeMs: number;
    }
  | { readonly kind: 'unknown'; readonly reason: 'no-agents-serving' | 'no-handle-history' };

export interface WaitEstimate {
  /** null when no honest number exists; the acknowledgement then says nothing about the wait. */
  readonly estimateMs: number | null;
  readonly basis: WaitEstimateBasis;
}

export function estimateWait(input: WaitEstimateInput): WaitEstimate {
  validate(input);
  const slots = input.agentsServing * input.capacityPerAgent;
  if (slots === 0) return { estimateMs: null, basis: { kind: 'unknown', reason: 'no-agents-serving' } };
  // Contacts ahead take free slots first; this one needs a release for itself and each one left ahead.
  const releasesNeeded = input.position - Math.min(input.freeSlots ?? 0, slots);
  if (releasesNeeded <= 0) return { estimateMs: 0, basis: { kind: 'free-slot' } };
  if (input.handleTimeMs === null) {
    return { estimateMs: null, basis: { kind: 'unknown', reason: 'no-handle-history' } };
  }
  return {
    estimateMs: Math.round((releasesNeeded * input.handleTimeMs) / slots),
    basis: { kind: 'queue', releasesNeeded, slots, handleTimeMs: input.handleTimeMs },
  };
}

function validate(input: WaitEstimateInput): void {
  const problems: string[] = [];
  if (!Number.isInteger(input.position) || input.position < 1)
    problems.push('position must be an integer >= 1');
  for (const name of ['agentsServing', 'capacityPerAgent', 'freeSlots'] as const) {
    const value = input[name] ?? 0;
    if (!Number.isInteger(value) || value < 0) problems.push(`${name} must be an integer >= 0`);
  }
  if (input.handleTimeMs !== null && !(Number.isFinite(input.handleTimeMs) && input.handleTimeMs >= 0)) {
    problems.push('handleTimeMs must be a finite duration >= 0 or null');
  }
  if (problems.length > 0) throw new MetricsError(MetricsErrorCode.InvalidInput, problems.join('; '));
}
