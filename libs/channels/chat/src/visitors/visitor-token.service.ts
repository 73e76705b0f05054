// Signs and verifies visitor tokens: the anonymous web-chat identity (tenant, inbox, visitor id). They are
// signed with a key derived from JWT_SECRET for this purpose only and carry a visitor-only audience, so a
// visitor token never verifies as a console token and a console token never verifies here.
import { createHmac, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { z } from 'zod';

export const VISITOR_AUDIENCE = 'switchboard:visitor';

export interface Visitor {
  tenantId: string;
  inboxId: string;
  visitorId: string;
}

export interface IssuedVisitorToken extends Visitor {
  token: string;
  expiresAt: Date;
}

const ClaimsSchema = z.object({
  sub: z.string().min(1),
  tid: z.string().min(1),
  iid: z.string().min(1),
  aud: z.literal(VISITOR_AUDIENCE),
  exp: z.number().int(),
});

export class VisitorTokenService {
  private readonly jwt: JwtService;

  constructor(
    jwtSecret: string,
    private readonly ttlSeconds: number,
  ) {
    const key = createHmac('sha256', jwtSecret).update('switchboard visitor tokens v1').digest('hex');
    this.jwt = new JwtService({ secret: key });
  }

  /** A token for a new visitor, or a renewed one for a visitor who presented a valid token. */
  async issue(
    tenantId: string,
    inboxId: string,
    visitorId: string = randomUUID(),
  ): Promise<IssuedVisitorToken> {
    const token = await this.jwt.signAsync(
      { tid: tenantId, iid: inboxId },
      { subject: visitorId, audience: VISITOR_AUDIENCE, expiresIn: this.ttlSeconds, algorithm: 'HS256' },
    );
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    return { token, expiresAt, tenantId, inboxId, visitorId };
  }

  async verify(token: string): Promise<Visitor & { expiresAt: Date }> {
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token, { algorithms: ['HS256'], audience: VISITOR_AUDIENCE });
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'The visitor token is invalid or expired');
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw new DomainError(ErrorCode.Unauthenticated, 'The visitor token is malformed');
    const { sub, tid, iid, exp } = claims.data;
    return { visitorId: sub, tenantId: tid, inboxId: iid, expiresAt: new Date(exp * 1000) };
  }
}
