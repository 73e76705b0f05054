// Issues and verifies the short-lived access tokens (JWTs) that console users present over HTTP and in the
// socket handshake. Each names its session (`sid`), so it dies with the session however long it has left.
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { z } from 'zod';
import type { UserPrincipal } from './principal';

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  aid: z.string().min(1).nullable(),
  role: z.enum(['agent', 'supervisor', 'admin']),
  sid: z.string().min(1),
  exp: z.number().int(),
});

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

export interface VerifiedToken {
  principal: UserPrincipal;
  expiresAt: Date;
}

@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  async issue(principal: UserPrincipal): Promise<IssuedToken> {
    const token = await this.jwt.signAsync({
      sub: principal.userId,
      tid: principal.tenantId,
      aid: principal.agentId,
      role: principal.role,
      sid: principal.sessionId,
    });
    const { exp } = this.jwt.decode<{ exp: number }>(token);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<VerifiedToken> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'The token is invalid or expired');
    }
    const claims = ClaimsSchema.safeParse(payload);
    // Tokens from before sessions existed have no `sid`: they are refused, and their holders sign in again.
    if (!claims.success)
      throw new DomainError(ErrorCode.Unauthenticated, 'The token is missing required claims');
    const { sub, tid, aid, role, sid, exp } = claims.data;
    return {
      principal: { kind: 'user', userId: sub, tenantId: tid, agentId: aid, role, sessionId: sid },
      expiresAt: new Date(exp * 1000),
    };
  }
}
