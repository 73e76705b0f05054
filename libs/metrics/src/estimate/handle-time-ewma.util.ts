// The recent handle time the wait estimator uses: an exponentially weighted mean, so a shift in handle
// times shows within a few dozen contacts without keeping them all. The router keeps one per queue.
import { MetricsError, MetricsErrorCode } from '../metrics.error';

export interface HandleTimeEwma {
  readonly meanMs: number;
  readonly observations: number;
}

/** Weight of the newest handle time: 0.1 means the last ~20 contacts carry most of the mean. */
export const DEFAULT_EWMA_WEIGHT = 0.1;

/**
 * Folds one handle time in. The first observations are averaged plainly (weight 1/n until 1/n drops below
 * `weight`), so an early outlier does not dominate for the next hundred contacts.
 */
export function observeHandleTime(
  previous: HandleTimeEwma | null,
  handleMs: number,
  weight: number = DEFAULT_EWMA_WEIGHT,
): HandleTimeEwma {
  if (!(Number.isFinite(handleMs) && handleMs >= 0) || !(weight > 0 && weight <= 1)) {
    throw new MetricsError(MetricsErrorCode.InvalidInput, 'handleMs must be >= 0 and weight in (0, 1]');
  }
  if (previous === null) return { meanMs: handleMs, observations: 1 };
  const observations = previous.observations + 1;
  const alpha = Math.max(weight, 1 / observations);
  return { meanMs: previous.meanMs + alpha * (handleMs - previous.meanMs), observations };
}
