// @nestjs/throttler's guard, answering like every other limit: RATE_LIMITED problem+json with a plain
// Retry-After header (the stock guard names it Retry-After-<throttler> for named throttlers).
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { rateLimited } from './rate-limiter';

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = Math.max(1, detail.timeToBlockExpire);
    throw rateLimited(
      `Over the limit of ${detail.limit} requests per ${detail.ttl / 1000} s; retry in ${seconds} s`,
      seconds * 1000,
    );
  }
}
