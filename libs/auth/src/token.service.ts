// Issues and verifies the JWTs that console users present over HTTP and in the socket handshake.
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
});

@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(principal: UserPrincipal): Promise<string> {
    return this.jwt.signAsync({
      sub: principal.userId,
      tid: principal.tenantId,
      aid: principal.agentId,
      role: principal.role,
    });
  }

  async verify(token: string): Promise<UserPrincipal> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'The token is invalid or expired');
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success)
      throw new DomainError(ErrorCode.Unauthenticated, 'The token is missing required claims');
    const { sub, tid, aid, role } = claims.data;
    return { kind: 'user', userId: sub, tenantId: tid, agentId: aid, role };
  }
}
