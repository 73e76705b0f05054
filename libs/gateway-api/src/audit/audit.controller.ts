// Read side of the audit trail: who changed what in the tenant's people, routing configuration and API keys.
// Admins only: entries show the whole admin history of the tenant.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import { ApiQueryParams, ZodQueryPipe, type Page } from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import type { AuditEntryView } from './audit-entry.view';
import { AuditQuerySchema, ListAuditEntries, type AuditQuery } from './list-audit-entries.usecase';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
@Roles('admin')
export class AuditController {
  constructor(private readonly listAuditEntries: ListAuditEntries) {}

  @Get()
  @ApiOperation({ summary: 'The audit trail of admin writes, newest first' })
  @ApiQueryParams(AuditQuerySchema)
  @ApiOkResponse({
    description:
      'A page of audit entries (who, what, when, before and after; secrets redacted), newest first: ' +
      '{ items, nextCursor }',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(AuditQuerySchema)) query: AuditQuery,
  ): Promise<Page<AuditEntryView>> {
    return this.listAuditEntries.execute(consoleUser(principal), query);
  }
}
