// Error codes are part of the public contract: they appear in problem+json bodies, dead-letter records and
// rejected-command events. Use-cases throw DomainError; each transport maps codes in exactly one place.
import type { FieldIssue } from './validation.util';

export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  InvalidJson: 'INVALID_JSON',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  UnknownTenant: 'UNKNOWN_TENANT',
  OfferNotLive: 'OFFER_NOT_LIVE',
  ChannelNotAllowed: 'CHANNEL_NOT_ALLOWED',
  RateLimited: 'RATE_LIMITED',
  /** Too much accepted work is waiting; the caller should retry after `retryAfterMs`. */
  Overloaded: 'OVERLOADED',
  /** A dependency (the bus) cannot take work right now; the caller should retry after `retryAfterMs`. */
  Unavailable: 'UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface DomainErrorOptions {
  /** When retrying can succeed: how long the caller should wait first (HTTP: Retry-After). */
  retryAfterMs?: number;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly retryAfterMs?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.retryAfterMs = options.retryAfterMs;
  }
}
