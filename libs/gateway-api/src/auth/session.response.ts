// The body login and refresh answer with. `token`, `tokenType`, `tenantId`, `agentId` and `role` are the
// original login response; the rest was added with revocable sessions.
import type { LoginResult } from '@switchboard/auth';

export interface SessionResponse {
  token: string;
  tokenType: 'Bearer';
  /** When `token` stops working; refresh before then. */
  expiresAt: string;
  refreshToken: string;
  /** When `refreshToken` lapses if unused; each refresh issues a new one with a new deadline. */
  refreshExpiresAt: string;
  tenantId: string;
  agentId: string | null;
  role: LoginResult['principal']['role'];
}

export function toSessionResponse(result: LoginResult): SessionResponse {
  return {
    token: result.token,
    tokenType: 'Bearer',
    expiresAt: result.expiresAt.toISOString(),
    refreshToken: result.refreshToken,
    refreshExpiresAt: result.refreshExpiresAt.toISOString(),
    tenantId: result.principal.tenantId,
    agentId: result.principal.agentId,
    role: result.principal.role,
  };
}
