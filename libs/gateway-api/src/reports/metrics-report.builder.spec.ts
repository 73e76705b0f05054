import { rollUp, type MetricFact } from '@switchboard/metrics';
import { describe, expect, it } from 'vitest';
import { buildReport } from './metrics-report.builder';
import { reportCsv } from './report-csv.util';
import { METRICS_CSV_COLUMNS } from './report-views';

const at = (hhmm: string): number => Date.parse(`2026-12-04T${hhmm}:00Z`);
const answered = (queueId: string, hhmm: string, waitMs: number): MetricFact => ({
  kind: 'contactAnswered',
  tenantId: 't1',
  queueId,
  channel: 'chat',
  agentId: 'ana',
  at: at(hhmm),
  waitMs,
  thresholdMs: 20_000,
});

describe('buildReport', () => {
  it('groups rows by id; a total merges the buckets before dividing', () => {
    const rows = rollUp(
      [
        answered('sales', '09:10', 10_000),
        answered('sales', '10:10', 30_000),
        answered('sales', '10:20', 50_000),
        answered('support', '09:30', 5_000),
      ],
      { timeZone: 'UTC', intervals: ['1h'] },
    ).filter((r) => r.dimension === 'queue');
    const report = buildReport(
      { from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z', interval: '1h', dimension: 'queue' },
      rows,
      (m) => ({ answered: m.answered, serviceLevel: m.serviceLevel, asaMs: m.asaMs }),
      { now: at('23:00'), timeZone: 'UTC' },
    );
    expect(report.series.map((s) => s.dimensionId)).toEqual(['sales', 'support']);
    const sales = report.series[0];
    expect(sales.buckets).toEqual([
      { start: '2026-12-04T09:00:00.000Z', metrics: { answered: 1, serviceLevel: 1, asaMs: 10_000 } },
      { start: '2026-12-04T10:00:00.000Z', metrics: { answered: 2, serviceLevel: 0, asaMs: 40_000 } },
    ]);
    // 1 of 3 within 20 s, not the mean of the hourly rates (0.5).
    expect(sales.total).toEqual({ answered: 3, serviceLevel: 1 / 3, asaMs: 30_000 });
  });

  it('divides the depth by the part of each bucket inside the period and already past', () => {
    // sales held 2 waiting 09:30-10:30 and 4 for 10:30-10:45; the report is read at 10:45.
    const depth = (start: string, end: string, n: number): MetricFact => ({
      kind: 'queueDepthSpan',
      tenantId: 't1',
      queueId: 'sales',
      start: at(start),
      ms: at(end) - at(start),
      depth: n,
    });
    const rows = rollUp([depth('09:30', '10:30', 2), depth('10:30', '10:45', 4)], {
      timeZone: 'UTC',
      intervals: ['1h'],
    }).filter((r) => r.dimension === 'queue');
    const report = buildReport(
      { from: '2026-12-04T09:30:00Z', to: '2026-12-05T00:00:00Z', interval: '1h', dimension: 'queue' },
      rows,
      (m) => m.queueDepth,
      { now: at('10:45'), timeZone: 'UTC' },
    );
    const [sales] = report.series;
    const MIN = 60_000;
    expect(sales.buckets.map((b) => b.metrics)).toEqual([
      // 09:00 bucket: only 09:30-10:00 is inside the period, depth 2 throughout.
      { average: 2, max: 2, depthMsSum: 2 * 30 * MIN },
      // 10:00 bucket: 10:00-10:45 has passed: (2 × 30 + 4 × 15) / 45.
      { average: (2 * 30 + 4 * 15) / 45, max: 4, depthMsSum: (2 * 30 + 4 * 15) * MIN },
    ]);
    // 09:30-10:45: (2 × 60 + 4 × 15) / 75.
    expect(sales.total).toEqual({ average: (2 * 60 + 4 * 15) / 75, max: 4, depthMsSum: 180 * MIN });
  });

  it('ends the metrics CSV with the average and maximum queue depth of each bucket', () => {
    const rows = rollUp(
      [
        {
          kind: 'queueDepthSpan',
          tenantId: 't1',
          queueId: 'sales',
          start: at('09:00'),
          ms: 30 * 60_000,
          depth: 3,
        },
      ],
      { timeZone: 'UTC', intervals: ['1h'] },
    ).filter((r) => r.dimension === 'queue');
    const report = buildReport(
      { from: '2026-12-04T09:00:00Z', to: '2026-12-04T10:00:00Z', interval: '1h', dimension: 'queue' },
      rows,
      (m) => m,
      { now: at('12:00'), timeZone: 'UTC' },
    );
    const [header, line] = reportCsv(report, METRICS_CSV_COLUMNS).split('\r\n');
    expect(header.split(',').slice(-2)).toEqual(['queue_depth_avg', 'queue_depth_max']);
    // 3 waiting for half the hour.
    expect(line.split(',').slice(-2)).toEqual(['1.5', '3']);
  });
});
