// The console's snapshot and directory endpoints (docs/console-protocol.md): the caller's own tenant, always.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import {
  ConsoleDirectoryQuerySchema,
  type ConsoleDirectory,
  type ConsoleDirectoryQuery,
  type ConsoleSnapshot,
} from '@switchboard/contracts';
import { ApiQueryParams, ZodQueryPipe } from '@switchboard/platform';
import { consoleUser } from '../shared/console-user.util';
import { GetConsoleDirectory } from './get-console-directory.usecase';
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
  constructor(
    private readonly snapshot: GetConsoleSnapshot,
    private readonly directory: GetConsoleDirectory,
  ) {}

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

  @Get('directory')
  @ApiOperation({
    summary: "The tenant's queues and active agents by name, for transfer pickers",
    description:
      'q: name (or agent email) prefix, case-insensitive; limit: 1 to 1000 per list (default 1000)',
  })
  @ApiQueryParams(ConsoleDirectoryQuerySchema)
  @ApiOkResponse({ description: 'ConsoleDirectorySchema: queues {id, name}, agents {id, name, status}' })
  getDirectory(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ConsoleDirectoryQuerySchema)) query: ConsoleDirectoryQuery,
  ): Promise<ConsoleDirectory> {
    return this.directory.execute(consoleUser(principal), query);
  }
}
