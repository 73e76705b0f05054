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
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
