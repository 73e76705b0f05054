// Keeps the sessions table small: on a timer, deletes sessions revoked or lapsed more than
// AUTH_SESSION_RETENTION_DAYS ago, and refresh tokens rotated before then. Every gateway runs it.
import { Inject, Injectable } from '@nestjs/common';
import { SessionStore } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ROOT_LOGGER } from '@switchboard/observability';
import { PeriodicPass } from '@switchboard/platform';
import type { Logger } from 'pino';

const DAY_MS = 86_400_000;

@Injectable()
export class SessionPruner extends PeriodicPass {
  private readonly logger: Logger;

  constructor(
    private readonly store: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    super(config.sessions.pruneIntervalMs);
    this.logger = logger.child({ component: 'session-pruner' });
  }

  protected async pass(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - this.config.sessions.retentionDays * DAY_MS);
    try {
      const pruned = await this.store.pruneEndedBefore(cutoff);
      if (pruned.sessions + pruned.refreshTokens > 0) {
        this.logger.info({ ...pruned, cutoff }, 'pruned ended sessions');
      }
    } catch (error) {
      // A failed pass loses nothing: the rows are still there for the next one.
      this.logger.warn({ err: error }, 'pruning sessions failed; the next pass retries');
    }
  }
}
