import { emptyCounters, summarizeCounters } from '@switchboard/metrics';
import { describe, expect, it } from 'vitest';
import { slaFigures } from './report-views';
import { duration, formatSlaTable } from './sla-day.report';

describe('formatSlaTable', () => {
  it('aligns the figures under their headers, with "-" where there is no data', () => {
    const counters = {
      ...emptyCounters(),
      answered: 4,
      answeredWaitMsSum: 100_000,
      answeredWithThreshold: 4,
      answeredWithinThreshold: 3,
    };
    const table = formatSlaTable([
      { scope: 'all contacts', figures: slaFigures(summarizeCounters(counters)), breaches: 1, warnings: 2 },
      {
        scope: 'queue sales',
        figures: slaFigures(summarizeCounters(emptyCounters())),
        breaches: 0,
        warnings: 0,
      },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('scope         answered  abandoned  service level    ASA')).toBe(true);
    expect(lines[2]).toMatch(/^all contacts +4 +0 +75\.0% +25\.0s +- +- +- +- +- +- +1 +2$/);
    expect(lines[3]).toMatch(/^queue sales +0 +0 +- +- /);
    // Every line is as wide as the header: the columns line up.
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });
});

describe('duration', () => {
  it('reads as seconds, minutes or hours', () => {
    expect([duration(null), duration(45_240), duration(185_000), duration(7_830_000)]).toEqual([
      '-',
      '45.2s',
      '3m 05s',
      '2h 10m',
    ]);
  });
});
