// Throttles every HTTP request before authentication runs, whichever way the auth guard is registered
// (middleware always runs before guards): per client IP, and per presented credential that keeps failing.
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { bearerToken } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import type { NextFunction, Request, Response } from 'express';
import { CredentialFailures, credentialId } from './credential-failures';
import { RateLimiter, rateLimited, type RateLimitRule } from './rate-limiter';

@Injectable()
export class PreAuthThrottleMiddleware implements NestMiddleware {
  private readonly perIp: RateLimitRule;
  private readonly failures: CredentialFailures;

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const limits = config.rateLimits;
    this.perIp = { name: 'pre-auth-ip', limit: limits.ipPerSecond, windowMs: 1_000 };
    this.failures = new CredentialFailures(limiter, {
      name: 'auth-failures',
      limit: limits.authFailuresPerMinute,
      windowMs: 60_000,
    });
  }

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    await this.limiter.enforce(this.perIp, clientIp(req), 'Too many requests from this address');
    const secret = presentedCredential(req);
    if (secret !== null) {
      const id = credentialId(secret);
      const wait = this.failures.retryAfterMs(id);
      if (wait > 0) throw rateLimited('This credential failed authentication too often; retry later', wait);
      res.once('finish', () => {
        if (res.statusCode === 401) this.failures.recordFailure(id).catch(() => undefined);
      });
    }
    next();
  }
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** The API key or bearer token a request presents, as the auth guards would read it. */
export function presentedCredential(req: Request): string | null {
  const header = req.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key) return key;
  return bearerToken(req.headers.authorization);
}
