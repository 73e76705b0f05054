// Counts hits in @nestjs/throttler's storage, so every limit (pre-auth, login, admin API, sockets) shares one
// store and one eviction sweep; swapping the storage provider moves them all together.
import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, type ThrottlerStorage } from '@nestjs/throttler';
import { DomainError, ErrorCode } from '@switchboard/contracts';

export interface RateLimitRule {
  /** Names the limit in keys and messages, e.g. `ip` or `socket-user`. */
  name: string;
  limit: number;
  windowMs: number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

@Injectable()
export class RateLimiter {
  constructor(@InjectThrottlerStorage() private readonly storage: ThrottlerStorage) {}

  /** Counts one hit for `key` under `rule`; once over the limit, the key stays refused until its window ends. */
  async hit(rule: RateLimitRule, key: string): Promise<RateLimitVerdict> {
    const record = await this.storage.increment(
      `${rule.name}:${key}`,
      rule.windowMs,
      rule.limit,
      rule.windowMs,
      rule.name,
    );
    if (!record.isBlocked) return { allowed: true };
    return { allowed: false, retryAfterMs: Math.max(1, record.timeToBlockExpire) * 1000 };
  }

  /** Like `hit`, but a refusal is thrown as a RATE_LIMITED domain error (HTTP: 429 with Retry-After). */
  async enforce(rule: RateLimitRule, key: string, message: string): Promise<void> {
    const verdict = await this.hit(rule, key);
    if (!verdict.allowed) throw rateLimited(message, verdict.retryAfterMs);
  }
}

export function rateLimited(message: string, retryAfterMs: number): DomainError {
  return new DomainError(ErrorCode.RateLimited, message, [], { retryAfterMs });
}
