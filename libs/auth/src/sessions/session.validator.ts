// Checks that an access token's session is still live, through a short cache (AUTH_SESSION_CACHE_MS).
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { SessionLivenessCache } from './session-liveness.cache';
import { SessionStore } from './session.store';

const MAX_CACHED_SESSIONS = 50_000;

@Injectable()
export class SessionValidator {
  private readonly cache: SessionLivenessCache;

  constructor(store: SessionStore, @Inject(APP_CONFIG) config: AppConfig) {
    this.cache = new SessionLivenessCache({
      ttlMs: config.sessions.cacheMs,
      maxEntries: MAX_CACHED_SESSIONS,
      loadLive: (ids) => store.liveAmong(ids),
    });
  }

  isLive(sessionId: string): Promise<boolean> {
    return this.cache.isLive(sessionId);
  }

  async assertLive(sessionId: string): Promise<void> {
    if (!(await this.cache.isLive(sessionId))) {
      throw new DomainError(ErrorCode.Unauthenticated, 'The session has ended (signed out or revoked)');
    }
  }

  markRevoked(sessionId: string): void {
    this.cache.markRevoked(sessionId);
  }
}
