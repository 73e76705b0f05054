// Lists a tenant's API keys, revoked ones included (an audit needs them), paged by id.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { InjectPrisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, toPage, type Page, type PageQuery } from '@switchboard/platform';
import { toApiKeyView, type ApiKeyView } from './api-key.view';

@Injectable()
export class ListApiKeys {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: PageQuery): Promise<Page<ApiKeyView>> {
    const cursor = decodeCursor(query.cursor);
    const rows = await this.prisma.apiKey.findMany({
      where: { tenantId: principal.tenantId, ...(cursor ? { id: { gt: cursor } } : {}) },
      orderBy: { id: 'asc' },
      take: query.limit + 1,
    });
    return toPage(rows, query.limit, (row) => row.id, toApiKeyView);
  }
}
