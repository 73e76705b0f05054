// The console's snapshot endpoint (docs/console-protocol.md): the caller's own tenant, always.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import type { ConsoleSnapshot } from '@switchboard/contracts';
import { ApiQueryParams, ZodQueryPipe } from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import {
  ConsoleSnapshotQuerySchema,
  GetConsoleSnapshot,
  type ConsoleSnapshotQuery,
} from './get-console-snapshot.usecase';

@ApiTags('console')
@ApiBearerAuth()
@Controller('v1/console')
@Roles('agent', 'supervisor', 'admin')
export class ConsoleSnapshotController {
  constructor(private readonly snapshot: GetConsoleSnapshot) {}

  @Get('snapshot')
  @ApiOperation({ summary: "The console's state and the event log position it is consistent with (headSeq)" })
  @ApiQueryParams(ConsoleSnapshotQuerySchema)
  @ApiOkResponse({ description: 'ConsoleSnapshotSchema: the agent view or the supervisor view' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ConsoleSnapshotQuerySchema)) query: ConsoleSnapshotQuery,
  ): Promise<ConsoleSnapshot> {
    return this.snapshot.execute(consoleUser(principal), query);
  }
}
