import { describe, expect, it } from 'vitest';
import { LoginBackoff, accountKey, backoffDelayMs } from './login-backoff';

const policy = { freeFailures: 5, maxDelayMs: 60_000 };

describe('backoffDelayMs', () => {
  it('is free for the first failures, then doubles from one second up to the cap', () => {
    const delays = [0, 1, 4, 5, 6, 7, 8, 11, 12, 1000].map((f) => backoffDelayMs(f, policy));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
  });
});

describe('LoginBackoff', () => {
  function clocked(): { backoff: LoginBackoff; advance: (ms: number) => void } {
    let now = 0;
    return { backoff: new LoginBackoff(policy, () => now), advance: (ms) => (now += ms) };
  }

  function fail(backoff: LoginBackoff, account: string, times: number): void {
    for (let i = 0; i < times; i++) {
      expect(backoff.begin(account)).toBe(0);
      backoff.failed(account);
    }
  }

  it('makes an account wait 1 s, 2 s, 4 s after five failures in a row', () => {
    const { backoff, advance } = clocked();
    fail(backoff, 'a', 5);
    expect(backoff.begin('a')).toBe(1000);
    advance(1000);
    fail(backoff, 'a', 1);
    expect(backoff.begin('a')).toBe(2000);
    advance(2000);
    fail(backoff, 'a', 1);
    expect(backoff.begin('a')).toBe(4000);
    advance(1500);
    expect(backoff.begin('a')).toBe(2500);
  });

  it('clears the account on success, and never touches other accounts', () => {
    const { backoff, advance } = clocked();
    fail(backoff, 'a', 5);
    advance(1000);
    fail(backoff, 'a', 1);
    expect(backoff.begin('b')).toBe(0);
    advance(2000);
    expect(backoff.begin('a')).toBe(0);
    backoff.succeeded('a');
    fail(backoff, 'a', 5);
    expect(backoff.begin('a')).toBe(1000);
  });

  it('admits one attempt at a time once in back-off, so parallel guesses cannot skip the wait', () => {
    const { backoff } = clocked();
    const admitted = Array.from({ length: 20 }, () => backoff.begin('a')).filter((wait) => wait === 0);
    expect(admitted).toHaveLength(policy.freeFailures);
  });

  it('does not count an attempt that ended without a verdict on the password', () => {
    const { backoff } = clocked();
    for (let i = 0; i < 10; i++) {
      expect(backoff.begin('a')).toBe(0);
      backoff.abandoned('a');
    }
    expect(backoff.begin('a')).toBe(0);
  });
});

describe('accountKey', () => {
  it('keys by tenant and case-insensitive email, and ignores bodies without both', () => {
    expect(accountKey({ tenant: 'acme', email: 'Ana@X.test' })).toBe(
      accountKey({ tenant: 'acme', email: 'ana@x.test' }),
    );
    expect(accountKey({ tenant: 'other', email: 'ana@x.test' })).not.toBe(
      accountKey({ tenant: 'acme', email: 'ana@x.test' }),
    );
    expect(accountKey({ email: 'ana@x.test' })).toBeNull();
    expect(accountKey('nope')).toBeNull();
  });
});
