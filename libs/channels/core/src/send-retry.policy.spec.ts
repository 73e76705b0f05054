import { describe, expect, it } from 'vitest';
import { nextRetryDelay, type SendRetryPolicy } from './send-retry.policy';

const policy: SendRetryPolicy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1_000, budgetMs: 5_000 };

describe('send retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    const top = () => 0.999_999;
    expect([0, 1, 2].map((a) => nextRetryDelay(policy, a, 0, undefined, top))).toEqual([99, 199, 399]);
    expect(nextRetryDelay({ ...policy, maxAttempts: 20 }, 10, 0, undefined, top)).toBe(999);
    expect(nextRetryDelay(policy, 2, 0, undefined, () => 0)).toBe(0);
  });

  it('gives up after the last attempt', () => {
    expect(nextRetryDelay(policy, 3, 0, undefined)).toBeUndefined();
  });

  it('honours the platform’s Retry-After, within the budget', () => {
    expect(nextRetryDelay(policy, 0, 0, 2_000)).toBe(2_000);
    expect(nextRetryDelay(policy, 0, 4_000, 2_000)).toBeUndefined();
  });

  it('does not start a retry past the budget', () => {
    expect(nextRetryDelay(policy, 0, 5_000, undefined, () => 0.5)).toBeUndefined();
  });
});
