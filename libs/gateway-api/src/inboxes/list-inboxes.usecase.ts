// Lists a tenant's inboxes, paged by id (ids are time-ordered, so pages are stable under inserts).
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { InboxSecretsStore } from './inbox-secrets.store';
import { toInboxView, type InboxView } from './inbox.view';

@Injectable()
export class ListInboxes {
  constructor(
    @InjectPrisma() private readonly prisma: PrismaClient,
    private readonly secrets: InboxSecretsStore,
  ) {}

  async execute(principal: UserPrincipal, query: PageQuery): Promise<Page<InboxView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.inbox.findMany({
      where: { tenantId: principal.tenantId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    const opened = new Map(
      await Promise.all(
        rows.map(async (row) => [row.id, await this.secrets.open(row.id, row.secretsCiphertext)] as const),
      ),
    );
    return toPage(
      rows,
      query.limit,
      (row) => row.id,
      (row) => toInboxView(row, opened.get(row.id) ?? null),
    );
  }
}
