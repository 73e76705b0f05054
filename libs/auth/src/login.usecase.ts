// Exchanges a console user's credentials for a JWT. Every failure looks identical, so callers cannot probe
// which tenants or emails exist.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { hashPassword, verifyPassword } from './password.hasher';
import type { UserPrincipal } from './principal';
import { TokenService } from './token.service';

export interface LoginCommand {
  tenant: string;
  email: string;
  password: string;
}

export interface LoginResult {
  token: string;
  principal: UserPrincipal;
}

@Injectable()
export class LoginUser {
  /** Verified against when the user does not exist, so both paths cost one argon2 verification. */
  private readonly decoyHash = hashPassword('decoy-password-for-timing');

  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly tokens: TokenService,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    const user = await this.prisma.user.findFirst({
      where: { email: command.email.toLowerCase(), tenant: { slug: command.tenant } },
    });
    const valid = await verifyPassword(user?.passwordHash ?? (await this.decoyHash), command.password);
    if (!user || !valid)
      throw new DomainError(ErrorCode.Unauthenticated, 'Invalid tenant, email or password');
    const principal: UserPrincipal = {
      kind: 'user',
      userId: user.id,
      tenantId: user.tenantId,
      agentId: user.agentId,
      role: user.role,
    };
    return { token: await this.tokens.issue(principal), principal };
  }
}
