// Whether a console user whose credentials checked out may hold a session. Login and refresh both ask, so a
// deactivated agent can neither sign in again nor keep a session alive through a refresh.
import { DomainError, ErrorCode } from '@switchboard/contracts';

export interface SignInCandidate {
  /** The agent profile the login belongs to, if any. */
  agent: { active: boolean } | null;
}

export const DEACTIVATED_ACCOUNT_MESSAGE = 'This account is deactivated; an administrator can reactivate it';

/**
 * Throws FORBIDDEN for a login whose agent is deactivated. Asked only after the password (or refresh token)
 * is verified, so the answer tells nothing to someone who does not already hold the credentials.
 */
export function assertMaySignIn(user: SignInCandidate): void {
  if (user.agent !== null && !user.agent.active) {
    throw new DomainError(ErrorCode.Forbidden, DEACTIVATED_ACCOUNT_MESSAGE);
  }
}
