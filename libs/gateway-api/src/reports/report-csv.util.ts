// A report as CSV: a header row, then one line per bucket of each series (dimension, id, bucket start, then
// the figures). Empty cells are nulls: "no contacts" is not 0.
import type { Report } from './metrics-report.builder';
import type { CsvColumn } from './report-views';

export function reportCsv<T>(report: Report<T>, columns: readonly CsvColumn<T>[]): string {
  const lines = [['dimension', 'dimension_id', 'bucket_start', ...columns.map(([header]) => header)]];
  for (const series of report.series) {
    for (const bucket of series.buckets) {
      lines.push([
        report.dimension,
        series.dimensionId,
        bucket.start,
        ...columns.map(([, value]) => {
          const v = value(bucket.metrics);
          return v === null ? '' : String(v);
        }),
      ]);
    }
  }
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet never evaluates a cell. */
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
