// Deletes expired Idempotency-Key records now and then; a claim also takes over an expired key by itself, so
// this only keeps the table small.
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { IdempotencyKeyStore } from './idempotency-key.store';

const SWEEP_INTERVAL_MS = 15 * 60_000;

@Injectable()
export class IdempotencyKeySweeper implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly logger: Logger;

  constructor(
    private readonly keys: IdempotencyKeyStore,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'idempotency-sweeper' });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    try {
      const deleted = await this.keys.sweep();
      if (deleted > 0) this.logger.debug({ deleted }, 'expired idempotency keys deleted');
    } catch (error) {
      this.logger.warn({ err: error }, 'sweeping expired idempotency keys failed; the next sweep retries');
    }
  }
}
