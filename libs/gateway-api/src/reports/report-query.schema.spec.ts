import { describe, expect, it } from 'vitest';
import { ReportQuerySchema } from './report-query.schema';

const period = { from: '2026-12-04T00:00:00Z', to: '2026-12-05T00:00:00Z' };
const issuesOf = (input: Record<string, unknown>): string[] => {
  const parsed = ReportQuerySchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.') || i.message);
};

describe('ReportQuerySchema', () => {
  it('defaults to hourly tenant buckets and splits ids, dropping blanks and repeats', () => {
    expect(ReportQuerySchema.parse(period)).toEqual({ ...period, interval: '1h', dimension: 'tenant' });
    expect(ReportQuerySchema.parse({ ...period, dimension: 'queue', ids: 'a, b,,a' }).ids).toEqual([
      'a',
      'b',
    ]);
  });

  it('names the bad field', () => {
    expect(issuesOf({ ...period, interval: '2h' })).toEqual(['interval']);
    expect(issuesOf({ ...period, dimension: 'team' })).toEqual(['dimension']);
    expect(issuesOf({ ...period, from: 'yesterday' })).toEqual(['from']);
    expect(issuesOf({ ...period, to: period.from })).toEqual(['to']);
    expect(issuesOf({ from: period.from, to: '2027-06-01T00:00:00Z' })).toEqual(['to']);
    expect(issuesOf({ ...period, ids: ' , ' })).toEqual(['ids']);
    expect(issuesOf({ ...period, dimension: 'queue', ids: 'a,b\u0000c' })).toEqual(['ids.1']);
    expect(issuesOf({ ...period, dimension: 'queue', ids: '\uD800' })).toEqual(['ids.0']);
  });

  it('refuses unknown parameters rather than ignoring them', () => {
    expect(issuesOf({ ...period, colour: 'red' })).toHaveLength(1);
  });
});
