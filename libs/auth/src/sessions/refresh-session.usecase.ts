// Trades a refresh token for a fresh access token and the session's next refresh token. The user is read
// again, so the new access token carries their current role and agent, and a deactivated agent gets none.
import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import type { LoginResult } from '../login.usecase';
import { assertMaySignIn } from '../sign-in-eligibility.util';
import { TokenService } from '../token.service';
import { SessionStore } from './session.store';
import { SessionValidator } from './session.validator';

@Injectable()
export class RefreshSession {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly store: SessionStore,
    private readonly validator: SessionValidator,
    private readonly tokens: TokenService,
  ) {}

  async execute(refreshToken: string): Promise<LoginResult> {
    const rotated = await this.store.rotate(refreshToken);
    if (rotated.kind !== 'rotated') {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'The refresh token is invalid, expired or already used',
      );
    }
    const { session } = rotated;
    const user = await this.prisma.user.findUnique({
      where: { id: rotated.userId },
      include: { agent: { select: { active: true } } },
    });
    if (!user) {
      // Deleting a user cascades to its sessions, so this only loses a race with that delete.
      this.validator.markRevoked(session.sessionId);
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'The refresh token is invalid, expired or already used',
      );
    }
    try {
      assertMaySignIn(user);
    } catch (error) {
      // Deactivation revokes the sessions in its own transaction; this only loses a race with it.
      await this.store.revoke(session.sessionId, 'deactivated');
      this.validator.markRevoked(session.sessionId);
      throw error;
    }
    const principal = {
      kind: 'user' as const,
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
