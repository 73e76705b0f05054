import { describe, expect, it } from 'vitest';
import type { Report } from './metrics-report.builder';
import { reportCsv } from './report-csv.util';
import type { CsvColumn } from './report-views';

interface Figures {
  answered: number;
  serviceLevel: number | null;
}
const columns: readonly CsvColumn<Figures>[] = [
  ['answered', (f) => f.answered],
  ['service_level', (f) => f.serviceLevel],
];
const report = (dimensionId: string): Report<Figures> => ({
  from: '2026-12-04T00:00:00.000Z',
  to: '2026-12-05T00:00:00.000Z',
  interval: '1h',
  dimension: 'queue',
  series: [
    {
      dimensionId,
      total: { answered: 3, serviceLevel: 0.5 },
      buckets: [
        { start: '2026-12-04T09:00:00.000Z', metrics: { answered: 2, serviceLevel: 0.5 } },
        { start: '2026-12-04T10:00:00.000Z', metrics: { answered: 1, serviceLevel: null } },
      ],
    },
  ],
});

describe('reportCsv', () => {
  it('writes a header row and one line per bucket, nulls as empty cells', () => {
    expect(reportCsv(report('sales'), columns)).toBe(
      'dimension,dimension_id,bucket_start,answered,service_level\r\n' +
        'queue,sales,2026-12-04T09:00:00.000Z,2,0.5\r\n' +
        'queue,sales,2026-12-04T10:00:00.000Z,1,\r\n',
    );
  });

  it('quotes separators and neutralises formulas in ids', () => {
    const csv = reportCsv(report('=HYPERLINK("x"),1'), columns);
    expect(csv.split('\r\n')[1]).toBe(`queue,"'=HYPERLINK(""x""),1",2026-12-04T09:00:00.000Z,2,0.5`);
  });
});
