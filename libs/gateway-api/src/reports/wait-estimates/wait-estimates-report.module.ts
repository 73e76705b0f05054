// The wait-estimate accuracy report, a module of its own beside the other reports.
import { Module } from '@nestjs/common';
import { WaitEstimatesReportController } from './wait-estimates-report.controller';
import { GetWaitEstimatesReport } from './wait-estimates-report.usecase';

@Module({
  controllers: [WaitEstimatesReportController],
  providers: [GetWaitEstimatesReport],
})
export class WaitEstimatesReportModule {}
