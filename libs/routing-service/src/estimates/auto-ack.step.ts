// The router's auto-acknowledgement step: keeps each tenant's handle-time book (loaded once per ownership,
// followed batch by batch) and plans the acknowledgements of a batch's arrivals.
import type { SqlExecutor } from '@switchboard/persistence';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { PlannedMessage } from '../intake/intake.planner';
import type { WriteSet } from '../write/write-set';
import { planAutoAcks, type AutoAckSettings } from './auto-ack.planner';
import { HandleTimeBook } from './handle-time.book';

export class AutoAckStep {
  /** Keyed by the tenant's context, so a dropped (and rebuilt) tenant starts from a fresh load. */
  private readonly books = new WeakMap<TenantContext, HandleTimeBook>();

  constructor(
    private readonly sql: SqlExecutor,
    readonly settings: AutoAckSettings,
    private readonly newId: () => string,
    private readonly now: () => number,
  ) {}

  async acknowledge(ctx: TenantContext, stored: readonly PlannedMessage[], set: WriteSet): Promise<void> {
    // The tenant's own choice of channels, else the environment's default.
    const channels = ctx.settings.autoAckChannels ?? this.settings.channels;
    if (!stored.some((m) => (m.opened || m.reopened) && channels.has(m.record.channel))) return;
    const book = await this.book(ctx);
    planAutoAcks(
      stored,
      {
        waitContextOf: (id) => ctx.router.waitContextOf(id),
        handleTimeMs: (queueId) => book.meanMs(queueId),
        settings: { ...this.settings, channels },
        newId: this.newId,
        now: this.now(),
      },
      set,
    );
  }

  /** Feeds the batch's assignments to the book; a book not loaded yet will read them from the database. */
  follow(ctx: TenantContext, set: WriteSet): void {
    this.books.get(ctx)?.follow(set, (id) => ctx.router.queueOf(id) ?? null);
  }

  private async book(ctx: TenantContext): Promise<HandleTimeBook> {
    let book = this.books.get(ctx);
    if (!book) {
      book = await HandleTimeBook.load(this.sql, ctx.tenantId);
      this.books.set(ctx, book);
    }
    return book;
  }
}
