// The historical reports: one read of the stored rollups of the asked dimension and interval (plus, for the
// SLA report, one grouped count of SLA outcomes), merged and divided in memory. Nothing rescans conversations.
// Hours and days are the tenant's own (its settings' time zone), composed from quarter hours off UTC.
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import type { Metrics } from '@switchboard/metrics';
import { SQL_TRANSACTOR, type SqlTransactor } from '@switchboard/persistence';
import { buildReport, type Report } from './metrics-report.builder';
import type { ReportQuery } from './report-query.schema';
import { slaFigures, type SlaFigures } from './report-views';
import { readZonedRollupRows, tenantTimeZone } from './zoned-rollup-rows.reader';
import { readSlaOutcomes, type SlaOutcomeCounts } from './sla-outcomes.reader';

export type SlaReport = Report<SlaFigures> & { readonly outcomes: readonly SlaOutcomeCounts[] };

@Injectable()
export class GetMetricsReport {
  constructor(@Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor) {}

  async execute(principal: UserPrincipal, query: ReportQuery): Promise<Report<Metrics>> {
    const zone = await tenantTimeZone(this.sql, principal.tenantId);
    const rows = await readZonedRollupRows(this.sql, seriesOf(principal, query), zone);
    return buildReport(query, rows, (m) => m, { now: Date.now(), timeZone: zone });
  }
}

@Injectable()
export class GetSlaReport {
  constructor(@Inject(SQL_TRANSACTOR) private readonly sql: SqlTransactor) {}

  async execute(principal: UserPrincipal, query: ReportQuery): Promise<SlaReport> {
    const series = seriesOf(principal, query);
    const zone = await tenantTimeZone(this.sql, principal.tenantId);
    const [rows, outcomes] = await Promise.all([
      readZonedRollupRows(this.sql, series, zone),
      readSlaOutcomes(this.sql, series),
    ]);
    return { ...buildReport(query, rows, slaFigures, { now: Date.now(), timeZone: zone }), outcomes };
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
