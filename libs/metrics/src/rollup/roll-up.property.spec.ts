import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricFactArbitrary } from '../testing/metric-fact.arbitrary';
import { summarize } from '../summary/summarize.util';
import { rollUp } from './roll-up.util';
import { mergeRollups, mergeRows, rollupKeyId, type RollupRow } from './rollup-row.model';

const options = { timeZone: 'Europe/Lisbon' } as const;
const facts = fc.array(metricFactArbitrary, { maxLength: 40 });

describe('rollUp is additive', () => {
  it('rolling up any split of the facts and merging the rows equals rolling them up at once', () => {
    fc.assert(
      fc.property(facts, fc.array(fc.nat(), { maxLength: 4 }), (all, cuts) => {
        const bounds = [
          0,
          ...[...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b),
          all.length,
        ];
        const parts = bounds.slice(1).map((end, i) => all.slice(bounds[i], end));
        expect(mergeRollups(parts.flatMap((part) => rollUp(part, options)))).toEqual(rollUp(all, options));
      }),
    );
  });

  it('does not depend on the order of the facts', () => {
    fc.assert(
      fc.property(
        facts.chain((all) => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length }))),
        ([all, shuffled]) => {
          expect(rollUp(shuffled, options)).toEqual(rollUp(all, options));
        },
      ),
    );
  });

  it('merges rows commutatively and associatively', () => {
    fc.assert(
      fc.property(facts, facts, facts, (a, b, c) => {
        // Rows of the same key from three independent rollups (a missing one stands in as the row itself).
        const rowOf = (f: typeof a): RollupRow[] => rollUp(f, { ...options, intervals: ['1d'] });
        const [ra, rb, rc] = [rowOf(a), rowOf(b), rowOf(c)];
        for (const x of ra) {
          const y = rb.find((r) => rollupKeyId(r) === rollupKeyId(x)) ?? x;
          const z = rc.find((r) => rollupKeyId(r) === rollupKeyId(x)) ?? x;
          expect(mergeRows(x, y)).toEqual(mergeRows(y, x));
          expect(mergeRows(mergeRows(x, y), z)).toEqual(mergeRows(x, mergeRows(y, z)));
        }
      }),
    );
  });

  it('keeps every 15-minute, hourly and daily series consistent: the same totals whatever the interval', () => {
    fc.assert(
      fc.property(facts, (all) => {
        const rows = rollUp(all, options);
        const tenant = (interval: string): RollupRow[] =>
          rows.filter((r) => r.dimension === 'tenant' && r.interval === interval);
        const [quarter, hour, day] = ['15m', '1h', '1d'].map((i) => summarize(tenant(i)));
        expect(hour).toEqual(quarter);
        expect(day).toEqual(quarter);
      }),
    );
  });
});
