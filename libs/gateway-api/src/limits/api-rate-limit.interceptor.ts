// Limits REST requests per signed-in user (the admin and read API). An interceptor runs after the guards,
// so it sees the authenticated principal however authentication is registered. Integrator keys are
// limited per key by the ingest throttler instead.
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Principal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { RateLimiter, type RateLimitRule } from './rate-limiter';

@Injectable()
export class ApiRateLimitInterceptor implements NestInterceptor {
  private readonly perUser: RateLimitRule;

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.perUser = { name: 'api-user', limit: config.rateLimits.apiPerMinute, windowMs: 60_000 };
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const principal = context.switchToHttp().getRequest<Request & { principal?: Principal }>().principal;
    if (principal?.kind === 'user') {
      await this.limiter.enforce(
        this.perUser,
        `${principal.tenantId}:${principal.userId}`,
        `Over the limit of ${this.perUser.limit} requests per minute for this user`,
      );
    }
    return next.handle();
  }
}
