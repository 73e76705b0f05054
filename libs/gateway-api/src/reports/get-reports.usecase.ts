// The historical reports: one read of the stored rollups of the asked dimension and interval (plus, for the
// SLA report, one grouped count of SLA outcomes), merged and divided in memory. Nothing rescans conversations.
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { Metrics } from '@switchboard/metrics';
import { SQL_TRANSACTOR, type SqlTransactor } from '@switchboard/persistence';
import { buildReport, type Report } from './metrics-report.builder';
import type { ReportQuery } from './report-query.schema';
import { slaFigures, type SlaFigures } from './report-views';
import { readRollupRows } from './rollup-rows.reader';
import { readSlaOutcomes, type SlaOutcomeCounts } from './sla-outcomes.reader';

export type SlaReport = Report<SlaFigures> & { readonly outcomes: readonly SlaOutcomeCounts[] };

@Injectable()
export class GetMetricsReport {
  constructor(@Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor) {}

  async execute(principal: UserPrincipal, query: ReportQuery): Promise<Report<Metrics>> {
    const rows = await readRollupRows(this.sql, seriesOf(principal, query));
    return buildReport(query, rows, (m) => m);
  }
}

@Injectable()
export class GetSlaReport {
  constructor(@Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor) {}

  async execute(principal: UserPrincipal, query: ReportQuery): Promise<SlaReport> {
    const series = seriesOf(principal, query);
    const [rows, outcomes] = await Promise.all([
      readRollupRows(this.sql, series),
      readSlaOutcomes(this.sql, series),
    ]);
    return { ...buildReport(query, rows, slaFigures), outcomes };
  }
}

/** Always the caller's tenant: ids of another tenant's queues or agents match no row. */
function seriesOf(principal: UserPrincipal, query: ReportQuery) {
  return {
    tenantId: principal.tenantId,
    dimension: query.dimension,
    interval: query.interval,
    from: Date.parse(query.from),
    to: Date.parse(query.to),
    ...(query.ids ? { ids: query.ids } : {}),
  };
}
