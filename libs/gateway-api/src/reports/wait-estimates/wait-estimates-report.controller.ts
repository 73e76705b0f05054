// GET /v1/reports/wait-estimates: how close the auto-acknowledgement's wait estimates came, per queue, as JSON
// or CSV. Supervisors and admins, of their own tenant only.
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import { ApiQueryParams, ZodQueryPipe } from '@switchboard/platform';
import type { Response } from 'express';
import { consoleUser } from '../../shared/console-user.util';
import {
  GetWaitEstimatesReport,
  WaitEstimatesQuerySchema,
  waitEstimatesCsv,
  type WaitEstimatesQuery,
  type WaitEstimatesReport,
} from './wait-estimates-report.usecase';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports/wait-estimates')
@Roles('supervisor', 'admin')
export class WaitEstimatesReportController {
  constructor(private readonly report: GetWaitEstimatesReport) {}

  @Get()
  @ApiOperation({
    summary: 'Wait-estimate accuracy per queue: count, mean absolute error, share within ±30 s, bias',
  })
  @ApiQueryParams(WaitEstimatesQuerySchema)
  @ApiOkResponse({ description: '{ from, to, queues: [...] }, or the same rows as CSV with format=csv' })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(WaitEstimatesQuerySchema)) query: WaitEstimatesQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<WaitEstimatesReport | string> {
    const report = await this.report.execute(consoleUser(principal), query);
    if (query.format === 'json') return report;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    return waitEstimatesCsv(report);
  }
}
