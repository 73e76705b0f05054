// Who is calling. Every use-case receives one and scopes its reads and writes to principal.tenantId.
export type UserRole = 'agent' | 'supervisor' | 'admin';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  tenantId: string;
  /** Set for users who take work; supervisors and admins may have none. */
  agentId: string | null;
  role: UserRole;
  /** The sign-in this token belongs to; revoking it ends the token early. */
  sessionId: string;
}

export interface IntegratorPrincipal {
  kind: 'integrator';
  apiKeyId: string;
  tenantId: string;
  /** Channels this key may ingest for; empty means all. */
  channels: string[];
}

export type Principal = UserPrincipal | IntegratorPrincipal;
