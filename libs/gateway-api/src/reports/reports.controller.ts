// Reports for supervisors and admins: the SLA report, every metric per bucket (JSON, or CSV when the client
// sends `Accept: text/csv`) and live figures. Always the caller's tenant.
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@switchboard/auth';
import type { Metrics } from '@switchboard/metrics';
import { ApiQueryParams, ZodQueryPipe } from '@switchboard/platform';
import type { Response } from 'express';
import { consoleUser } from '../shared/console-user.util';
import { GetLiveMetrics, type LiveMetricsView } from './get-live-metrics.usecase';
import { GetMetricsReport, GetSlaReport, type SlaReport } from './get-reports.usecase';
import type { Report } from './metrics-report.builder';
import { reportCsv } from './report-csv.util';
import { ReportQuerySchema, type ReportQuery } from './report-query.schema';
import { METRICS_CSV_COLUMNS, SLA_CSV_COLUMNS } from './report-views';

const wantsCsv = (accept: string | undefined): boolean => (accept ?? '').toLowerCase().includes('text/csv');

@ApiTags('reports')
@ApiBearerAuth()
@Controller('v1/reports')
@Roles('supervisor', 'admin')
export class ReportsController {
  constructor(
    private readonly slaReport: GetSlaReport,
    private readonly metricsReport: GetMetricsReport,
    private readonly liveMetrics: GetLiveMetrics,
  ) {}

  @Get('sla')
  @ApiOperation({ summary: 'Service level, answer and response times per bucket, and SLA outcome counts' })
  @ApiQueryParams(ReportQuerySchema)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      '{ from, to, interval, dimension, series: [{ dimensionId, total, buckets: [{ start, metrics }] }], ' +
      'outcomes: [{ dimensionId, target, warnings, breaches, met }] }; CSV: one line per bucket',
  })
  async sla(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ReportQuerySchema)) query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SlaReport | string> {
    const report = await this.slaReport.execute(consoleUser(principal), query);
    if (!wantsCsv(accept)) return report;
    res.type('text/csv');
    return reportCsv(report, SLA_CSV_COLUMNS);
  }

  @Get('metrics')
  @ApiOperation({ summary: 'Every contact-centre metric per bucket (docs/metrics.md)' })
  @ApiQueryParams(ReportQuerySchema)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      '{ from, to, interval, dimension, series: [{ dimensionId, total, buckets: [{ start, metrics }] }] }; ' +
      'CSV: one line per bucket',
  })
  async metrics(
    @CurrentPrincipal() principal: Principal,
    @Query(new ZodQueryPipe(ReportQuerySchema)) query: ReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Report<Metrics> | string> {
    const report = await this.metricsReport.execute(consoleUser(principal), query);
    if (!wantsCsv(accept)) return report;
    res.type('text/csv');
    return reportCsv(report, METRICS_CSV_COLUMNS);
  }

  @Get('live')
  @ApiOperation({ summary: 'Queue depth, longest current wait, agents by status and occupancy, now' })
  @ApiOkResponse({
    description:
      '{ at, queues: [{ queueId, depth, longestWaitMs }], depth, longestWaitMs, agentsByStatus, agentsReady, ' +
      'occupancy, slotUtilisation }',
  })
  live(@CurrentPrincipal() principal: Principal): Promise<LiveMetricsView> {
    return this.liveMetrics.execute(consoleUser(principal));
  }
}
