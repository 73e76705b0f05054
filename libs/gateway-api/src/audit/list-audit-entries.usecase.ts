// Reads a tenant's audit trail newest first, filtered by entity, actor, action and time, one page at a time.
// The cursor is the last entry's (at, id): entries of one transaction share `at`, the id breaks the tie.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import {
  AuditListFiltersSchema,
  DomainError,
  ErrorCode,
  refineAuditRange,
  type AuditListFilters,
} from '@switchboard/contracts';
import { InjectPrisma, type Prisma, type PrismaClient } from '@switchboard/persistence';
import { decodeCursor, PageQuerySchema, toPage, type Page } from '@switchboard/platform';
import type { z } from 'zod';
import { toAuditEntryView, type AuditEntryView } from './audit-entry.view';

/** The filters with the page parameters; unknown parameters are rejected, so a typo is a 400, not ignored. */
export const AuditQuerySchema = AuditListFiltersSchema.extend(PageQuerySchema.shape).superRefine(
  refineAuditRange,
);
export type AuditQuery = z.output<typeof AuditQuerySchema>;

const SEPARATOR = '|';

@Injectable()
export class ListAuditEntries {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, query: AuditQuery): Promise<Page<AuditEntryView>> {
    const after = afterCursor(query.cursor);
    const rows = await this.prisma.auditEntry.findMany({
      where: { AND: [{ tenantId: principal.tenantId }, filtersOf(query), after] },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.limit + 1,
    });
    return toPage(
      rows,
      query.limit,
      (row) => `${row.at.toISOString()}${SEPARATOR}${row.id}`,
      toAuditEntryView,
    );
  }
}

function filtersOf(query: AuditListFilters): Prisma.AuditEntryWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (query.from) at.gte = new Date(query.from);
  if (query.to) at.lt = new Date(query.to);
  return {
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.actorId ? { actorUserId: query.actorId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to ? { at } : {}),
  };
}

/** Entries strictly older than the cursor's, in (at, id) order. */
function afterCursor(cursor: string | undefined): Prisma.AuditEntryWhereInput {
  const key = decodeCursor(cursor);
  if (key === undefined) return {};
  const split = key.indexOf(SEPARATOR);
  const at = new Date(key.slice(0, split));
  const id = key.slice(split + 1);
  if (split < 0 || Number.isNaN(at.getTime()) || id.length === 0) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Invalid query parameters: check cursor', [
      { path: 'cursor', message: 'must be a cursor returned by a previous page' },
    ]);
  }
  return { OR: [{ at: { lt: at } }, { at, id: { lt: id } }] };
}
