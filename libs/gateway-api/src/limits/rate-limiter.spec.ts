import { ThrottlerStorageService } from '@nestjs/throttler';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialFailures, credentialId } from './credential-failures';
import { RateLimiter } from './rate-limiter';

describe('RateLimiter over the throttler storage', () => {
  const storage = new ThrottlerStorageService();
  const limiter = new RateLimiter(storage);
  afterEach(() => storage.onApplicationShutdown());

  it('allows up to the limit per key, then refuses with the time left in the window', async () => {
    const rule = { name: 'test', limit: 3, windowMs: 60_000 };
    const verdicts = [];
    for (let i = 0; i < 5; i++) verdicts.push(await limiter.hit(rule, 'a'));
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false, false]);
    expect(verdicts[4]).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect((await limiter.hit(rule, 'b')).allowed).toBe(true);
  });

  it('throws RATE_LIMITED with retryAfterMs from enforce', async () => {
    const rule = { name: 'enforce', limit: 1, windowMs: 10_000 };
    await limiter.enforce(rule, 'a', 'first');
    const refusal = await limiter.enforce(rule, 'a', 'too many').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: ErrorCode.RateLimited, message: 'too many' });
    expect((refusal as DomainError).retryAfterMs).toBeGreaterThan(0);
  });
});

describe('CredentialFailures', () => {
  const storage = new ThrottlerStorageService();
  afterEach(() => storage.onApplicationShutdown());

  it('blocks a credential once it fails more often than the limit, until the window ends', async () => {
    let now = 1_000_000;
    const failures = new CredentialFailures(
      new RateLimiter(storage),
      { name: 'failures', limit: 2, windowMs: 60_000 },
      () => now,
    );
    const id = credentialId('sb_bad_key');
    for (let i = 0; i < 2; i++) await failures.recordFailure(id);
    expect(failures.retryAfterMs(id)).toBe(0);
    await failures.recordFailure(id);
    expect(failures.retryAfterMs(id)).toBeGreaterThan(59_000);
    expect(failures.retryAfterMs(credentialId('another'))).toBe(0);
    now += 60_000;
    expect(failures.retryAfterMs(id)).toBe(0);
  });

  it('keys by a hash that does not contain the secret', () => {
    const secret = 'sb_0123456789ab_secretsecretsecret';
    expect(credentialId(secret)).not.toContain('secret');
    expect(credentialId(secret)).toBe(credentialId(secret));
    expect(credentialId(secret)).not.toBe(credentialId(`${secret}x`));
  });
});
