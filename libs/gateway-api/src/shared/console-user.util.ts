// The admin API is for console users only; the global AuthenticationGuard guarantees it, this makes the type say so.
import type { Principal, UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';

export function consoleUser(principal: Principal): UserPrincipal {
  if (principal.kind !== 'user') throw new DomainError(ErrorCode.Forbidden, 'Console users only');
  return principal;
}
