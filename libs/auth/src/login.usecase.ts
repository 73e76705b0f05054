// Exchanges a console user's credentials for a session: a short-lived access token and a refresh token.
// Every failure looks identical, so callers cannot probe which tenants or emails exist; only someone who
// knows the password learns that the account is deactivated.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { hashPassword, verifyPassword } from './password.hasher';
import type { UserPrincipal } from './principal';
import { assertMaySignIn } from './sign-in-eligibility.util';
import { SessionStore } from './sessions/session.store';
import { TokenService } from './token.service';

export interface LoginCommand {
  tenant: string;
  email: string;
  password: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  refreshToken: string;
  refreshExpiresAt: Date;
  principal: UserPrincipal;
}

@Injectable()
export class LoginUser {
  /** Verified against when the user does not exist, so both paths cost one argon2 verification. */
  private readonly decoyHash = hashPassword('decoy-password-for-timing');

  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    const user = await this.prisma.user.findFirst({
      where: { email: command.email.toLowerCase(), tenant: { slug: command.tenant } },
      include: { agent: { select: { active: true } } },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), command.password);
    if (!user || !valid)
      throw new DomainError(ErrorCode.Unauthenticated, 'Invalid tenant, email or password');
    assertMaySignIn(user);
    const session = await this.sessions.open(user);
    const principal: UserPrincipal = {
      kind: 'user',
      userId: user.id,
      tenantId: user.tenantId,
      agentId: user.agentId,
      role: user.role,
      sessionId: session.sessionId,
    };
    const access = await this.tokens.issue(principal);
    return { ...access, ...session, principal };
  }
}
