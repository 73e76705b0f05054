// Authenticates a socket.io handshake: a valid access token whose session is still live. The error message
// is what the client's connect_error carries.
import { bearerToken, SessionValidator, TokenService, type UserPrincipal } from '@switchboard/auth';
import type { Socket } from 'socket.io';

export interface HandshakeIdentity {
  principal: UserPrincipal;
  tokenExpiresAt: Date;
}

export class HandshakeRefused extends Error {}

export async function authenticateHandshake(
  socket: Socket,
  tokens: TokenService,
  sessions: SessionValidator,
): Promise<HandshakeIdentity> {
  const token = handshakeToken(socket);
  if (!token) throw new HandshakeRefused('UNAUTHENTICATED: a token is required');
  const verified = await tokens.verify(token).catch(() => {
    throw new HandshakeRefused('UNAUTHENTICATED: the token is invalid or expired');
  });
  if (!(await sessions.isLive(verified.principal.sessionId)))
    throw new HandshakeRefused('UNAUTHENTICATED: the session has ended');
  return { principal: verified.principal, tokenExpiresAt: verified.expiresAt };
}

function handshakeToken(socket: Socket): string | null {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  return bearerToken(socket.handshake.headers.authorization);
}
