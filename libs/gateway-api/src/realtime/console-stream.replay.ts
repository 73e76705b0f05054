// Reads what a reconnecting console missed from the per-tenant routing event log (ADR 0008): the events after
// its cursor up to the log's head, in seq order, as console events. The cursor is the tenant's seq, so any
// gateway, restarted or not, replays the same stream.
import { Injectable, Inject } from '@nestjs/common';
import { RoutingEventV1Schema, parseWith, type RoutingEventV1 } from '@switchboard/contracts';
import { ROOT_LOGGER } from '@switchboard/observability';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import type { Logger } from 'pino';

/** Rows read per query: a replay of the whole window stays a few round trips. */
const PAGE = 1_000;

export interface ReplayRange {
  tenantId: string;
  /** Events after this seq ... */
  afterSeq: number;
  /** ... up to and including this one (the head read at the handshake). */
  toSeq: number;
  /** Only the events naming this agent (an agent's console); all of the tenant's otherwise. */
  agentId?: string;
}

@Injectable()
export class ConsoleStreamReplay {
  private readonly logger: Logger;

  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'console-stream-replay' });
  }

  /** The tenant's highest committed seq (0 before its first event). */
  async headSeq(tenantId: string): Promise<number> {
    const last = await this.prisma.routingEvent.findFirst({
      where: { tenantId },
      orderBy: { seq: 'desc' },
      select: { seq: true },
    });
    return last ? Number(last.seq) : 0;
  }

  /** Hands each event of the range to `each`, oldest first, a page at a time. */
  async read(range: ReplayRange, each: (event: RoutingEventV1) => void): Promise<void> {
    let cursor = BigInt(range.afterSeq);
    const to = BigInt(range.toSeq);
    for (;;) {
      const rows = await this.prisma.routingEvent.findMany({
        where: {
          tenantId: range.tenantId,
          seq: { gt: cursor, lte: to },
          ...(range.agentId ? { agentId: range.agentId } : {}),
        },
        orderBy: { seq: 'asc' },
        take: PAGE,
        select: { seq: true, payload: true },
      });
      for (const row of rows) {
        const parsed = parseWith(RoutingEventV1Schema, row.payload);
        if (parsed.ok) each(parsed.value);
        else this.logger.warn({ seq: Number(row.seq), issues: parsed.issues }, 'skipping unreadable event');
      }
      if (rows.length < PAGE) return;
      cursor = rows[rows.length - 1].seq;
    }
  }
}
