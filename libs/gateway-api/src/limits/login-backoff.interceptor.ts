// Applies the per-account login back-off around the login handler: refused attempts never reach the
// password check, failures grow the wait, a success clears it.
import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { Request } from 'express';
import { type Observable, tap } from 'rxjs';
import { LoginBackoff, accountKey } from './login-backoff';
import { rateLimited } from './rate-limiter';

@Injectable()
export class LoginBackoffInterceptor implements NestInterceptor {
  private readonly backoff: LoginBackoff;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.backoff = new LoginBackoff({
      freeFailures: config.rateLimits.loginBackoffAfterFailures,
      maxDelayMs: config.rateLimits.loginBackoffMaxMs,
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const account = accountKey(context.switchToHttp().getRequest<Request>().body);
    if (account === null) return next.handle();
    const wait = this.backoff.begin(account);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw rateLimited(`Too many failed logins for this account; retry in ${seconds} s`, wait);
    }
    return next.handle().pipe(
      tap({
        next: () => this.backoff.succeeded(account),
        error: (error: unknown) =>
          error instanceof DomainError && error.code === ErrorCode.Unauthenticated
            ? this.backoff.failed(account)
            : this.backoff.abandoned(account),
      }),
    );
  }
}
