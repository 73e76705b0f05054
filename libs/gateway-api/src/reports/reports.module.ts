// Reports: historical metrics from the router's rollups, SLA outcome counts, and live figures.
import { Module } from '@nestjs/common';
import { GetLiveMetrics } from './get-live-metrics.usecase';
import { GetMetricsReport, GetSlaReport } from './get-reports.usecase';
import { ReportsController } from './reports.controller';

@Module({
  controllers: [ReportsController],
  providers: [GetSlaReport, GetMetricsReport, GetLiveMetrics],
})
export class ReportsModule {}
