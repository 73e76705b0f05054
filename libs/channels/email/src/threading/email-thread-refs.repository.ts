// The tenant's email thread references (table email_thread_refs): looked up in one query per inbound mail,
// written idempotently (a retried mail or reply writes the same rows again without harm).
import { Injectable } from '@nestjs/common';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import type { KnownThreadRefs, ThreadRefKind, ThreadRefQuery } from './thread-key.resolver';

export interface ThreadRefRow {
  kind: ThreadRefKind;
  value: string;
  threadKey: string;
  conversationId?: string;
  direction?: 'inbound' | 'outbound';
}

/** References in a reply: the root and the newest, as RFC 5322 suggests when trimming a long chain. */
const MAX_CHAIN = 20;

@Injectable()
export class EmailThreadRefs {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async lookup(tenantId: string, queries: readonly ThreadRefQuery[]): Promise<KnownThreadRefs> {
    const rows =
      queries.length === 0
        ? []
        : await this.prisma.emailThreadRef.findMany({
            where: { tenantId, OR: queries.map((q) => ({ kind: q.kind, value: q.value })) },
            select: { kind: true, value: true, threadKey: true },
          });
    const found = new Map(rows.map((row) => [`${row.kind}|${row.value}`, row.threadKey]));
    return { threadKeyOf: (kind, value) => found.get(`${kind}|${value}`) };
  }

  async record(tenantId: string, rows: readonly ThreadRefRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.prisma.emailThreadRef.createMany({
      data: rows.map((row) => ({ tenantId, ...row })),
      skipDuplicates: true,
    });
  }

  /** The thread's Message-IDs in the order they were seen, trimmed to the root and the newest. */
  async chain(tenantId: string, threadKey: string): Promise<Array<{ id: string; direction: string | null }>> {
    const rows = await this.prisma.emailThreadRef.findMany({
      where: { tenantId, threadKey, kind: 'message-id' },
      orderBy: { createdAt: 'asc' },
      select: { value: true, direction: true },
    });
    const trimmed = rows.length <= MAX_CHAIN ? rows : [rows[0], ...rows.slice(-(MAX_CHAIN - 1))];
    return trimmed.map((row) => ({ id: row.value, direction: row.direction }));
  }

  async threadIndexRoot(tenantId: string, threadKey: string): Promise<string | undefined> {
    const row = await this.prisma.emailThreadRef.findFirst({
      where: { tenantId, threadKey, kind: 'thread-index' },
      orderBy: { createdAt: 'asc' },
      select: { value: true },
    });
    return row?.value;
  }
}
