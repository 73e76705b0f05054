// Keeps the sessions table small: on a timer, deletes sessions revoked or lapsed more than
// AUTH_SESSION_RETENTION_DAYS ago, and refresh tokens rotated before then. Every gateway runs it.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SessionStore } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';

const DAY_MS = 86_400_000;

@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly logger: Logger;

  constructor(
    private readonly store: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'session-pruner' });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pruneOnce(), this.config.sessions.pruneIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; a pass still running is not doubled. */
  pruneOnce(now = new Date()): Promise<void> {
    this.running ??= this.prune(now).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async prune(now: Date): Promise<void> {
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
