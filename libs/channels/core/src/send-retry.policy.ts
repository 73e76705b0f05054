// When to try a failed send again: exponential backoff with full jitter, or the wait the platform asked for,
// within a bounded number of attempts and a bounded total time.
import { backoffDelay } from '@switchboard/messaging';

export interface SendRetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** No retry starts later than this after the first attempt. */
  budgetMs: number;
}

export const DEFAULT_SEND_RETRY: SendRetryPolicy = {
  maxAttempts: 6,
  initialDelayMs: 500,
  maxDelayMs: 10_000,
  budgetMs: 30_000,
};

/**
 * The wait before retry number `attempt` (0-based), or undefined when the policy says give up. A platform's
 * Retry-After is honoured as asked, but not beyond the budget.
 */
export function nextRetryDelay(
  policy: SendRetryPolicy,
  attempt: number,
  elapsedMs: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  if (attempt + 1 >= policy.maxAttempts) return undefined;
  const delay =
    retryAfterMs ??
    backoffDelay(attempt, { initialMs: policy.initialDelayMs, maxMs: policy.maxDelayMs, factor: 2 }, random);
  return elapsedMs + delay > policy.budgetMs ? undefined : delay;
}
