// Console sessions in PostgreSQL: opened at login, extended by each refresh, revoked by logout and by admin
// changes to the user. A session id is live when its row exists, is not revoked and has not lapsed.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { generateRefreshToken, hashRefreshToken, isWellFormedRefreshToken } from './refresh-token.util';

export type SessionRevocationReason =
  'logout' | 'credentials-changed' | 'role-changed' | 'agent-changed' | 'deactivated' | 'refresh-reused';

export interface OpenedSession {
  sessionId: string;
  refreshToken: string;
  refreshExpiresAt: Date;
}

export type RotateResult =
  | { kind: 'rotated'; session: OpenedSession; userId: string }
  /** The token was already rotated once: someone replayed it, so the whole session is now revoked. */
  | { kind: 'reused' }
  | { kind: 'unknown' };

/** Ids are chunked so one query never carries more bind parameters than PostgreSQL accepts. */
const LIVE_QUERY_CHUNK = 5_000;
/** Rows deleted per pruning statement, so one pass never holds long locks or a huge transaction. */
const PRUNE_BATCH = 1_000;

export interface PrunedSessions {
  sessions: number;
  refreshTokens: number;
}

@Injectable()
export class SessionStore {
  private readonly refreshTtlMs: number;

  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.refreshTtlMs = config.sessions.refreshTtlSeconds * 1000;
  }

  async open(user: { id: string; tenantId: string }): Promise<OpenedSession> {
    const refresh = generateRefreshToken();
    const refreshExpiresAt = new Date(Date.now() + this.refreshTtlMs);
    const session = await this.prisma.session.create({
      data: {
        tenantId: user.tenantId,
        userId: user.id,
        expiresAt: refreshExpiresAt,
        refreshTokens: { create: { tokenHash: refresh.hash, tenantId: user.tenantId } },
      },
    });
    return { sessionId: session.id, refreshToken: refresh.token, refreshExpiresAt };
  }

  /** Trades a refresh token for a new one. Each token works once; a second use revokes the session. */
  async rotate(refreshToken: string): Promise<RotateResult> {
    if (!isWellFormedRefreshToken(refreshToken)) return { kind: 'unknown' };
    const tokenHash = hashRefreshToken(refreshToken);
    const row = await this.prisma.sessionRefreshToken.findUnique({
      where: { tokenHash },
      include: { session: true },
    });
    if (!row) return { kind: 'unknown' };
    if (row.rotatedAt) return this.revokeAfterReuse(row.sessionId);
    const { session } = row;
    const now = new Date();
    if (session.revokedAt || session.expiresAt <= now) return { kind: 'unknown' };
    const next = generateRefreshToken();
    const refreshExpiresAt = new Date(now.getTime() + this.refreshTtlMs);
    const claimed = await this.prisma.$transaction(async (tx) => {
      // Conditional on "not rotated yet": of two concurrent uses of one token, exactly one wins.
      const token = await tx.sessionRefreshToken.updateMany({
        where: { tokenHash, rotatedAt: null },
        data: { rotatedAt: now },
      });
      if (token.count === 0) return false;
      const extended = await tx.session.updateMany({
        where: { id: session.id, revokedAt: null },
        data: { expiresAt: refreshExpiresAt },
      });
      if (extended.count === 0) return false;
      await tx.sessionRefreshToken.create({
        data: { tokenHash: next.hash, tenantId: session.tenantId, sessionId: session.id },
      });
      return true;
    });
    if (!claimed) return this.revokeAfterReuse(session.id);
    return {
      kind: 'rotated',
      userId: session.userId,
      session: { sessionId: session.id, refreshToken: next.token, refreshExpiresAt },
    };
  }

  async revoke(sessionId: string, reason: SessionRevocationReason): Promise<void> {
    await this.prisma.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    });
  }

  /** The subset of `sessionIds` that are live now: one query per 5,000 ids, whatever the count. */
  async liveAmong(sessionIds: readonly string[]): Promise<Set<string>> {
    const live = new Set<string>();
    const now = new Date();
    for (let start = 0; start < sessionIds.length; start += LIVE_QUERY_CHUNK) {
      const rows = await this.prisma.session.findMany({
        where: {
          id: { in: sessionIds.slice(start, start + LIVE_QUERY_CHUNK) },
          revokedAt: null,
          expiresAt: { gt: now },
        },
        select: { id: true },
      });
      for (const row of rows) live.add(row.id);
    }
    return live;
  }

  /**
   * Deletes sessions that lapsed or were revoked before `cutoff` (their refresh tokens go with them, by the
   * cascade), then rotated refresh tokens of live sessions rotated before it. Set-based, in batches, across
   * tenants: it is maintenance, and every statement is idempotent, so gateways pruning at once is harmless.
   */
  async pruneEndedBefore(cutoff: Date): Promise<PrunedSessions> {
    const pruned: PrunedSessions = { sessions: 0, refreshTokens: 0 };
    for (;;) {
      const deleted = await this.prisma.$executeRaw`
        DELETE FROM sessions WHERE id IN (
          SELECT id FROM sessions WHERE expires_at < ${cutoff} OR revoked_at < ${cutoff} LIMIT ${PRUNE_BATCH})`;
      pruned.sessions += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    for (;;) {
      const deleted = await this.prisma.$executeRaw`
        DELETE FROM session_refresh_tokens WHERE token_hash IN (
          SELECT token_hash FROM session_refresh_tokens WHERE rotated_at < ${cutoff} LIMIT ${PRUNE_BATCH})`;
      pruned.refreshTokens += deleted;
      if (deleted < PRUNE_BATCH) break;
    }
    return pruned;
  }

  private async revokeAfterReuse(sessionId: string): Promise<RotateResult> {
    await this.revoke(sessionId, 'refresh-reused');
    return { kind: 'reused' };
  }
}

/**
 * Revokes every live session of a user, inside the caller's transaction, so the change that warrants it
 * (new password, new role, deactivation) and the revocation commit or fail together.
 */
export async function revokeUserSessions(
  tx: Prisma.TransactionClient,
  userId: string,
  reason: SessionRevocationReason,
): Promise<number> {
  const revoked = await tx.session.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date(), revokedReason: reason },
  });
  return revoked.count;
}
