import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idsToAsk, RELOAD_AFTER_MS, reloadDelay } from './directory-reload.util';

describe('idsToAsk', () => {
  it('asks once for exactly the unknown ids not asked about before, whatever the stream repeats', () => {
    const id = fc.constantFrom('q1', 'q2', 'q3', 'a1', 'a2', 'default');
    fc.assert(
      fc.property(fc.array(id), fc.uniqueArray(id), fc.uniqueArray(id), (seen, known, asked) => {
        const ask = idsToAsk(seen, new Set(known), new Set(asked));
        const expected = new Set(seen.filter((s) => !known.includes(s) && !asked.includes(s)));
        expect(new Set(ask)).toEqual(expected);
        expect(ask).toHaveLength(expected.size);
        // Asking about them settles it: the same stream asks nothing more.
        expect(idsToAsk(seen, new Set(known), new Set([...asked, ...ask]))).toEqual([]);
      }),
    );
  });
});

describe('reloadDelay', () => {
  it('holds a reload back for the rest of the interval, never longer, and never drops it', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(3 * RELOAD_AFTER_MS), (last, since) => {
        const delay = reloadDelay(last, last + since);
        expect(delay).toBe(Math.max(0, RELOAD_AFTER_MS - since));
        expect(delay).toBeLessThanOrEqual(RELOAD_AFTER_MS);
      }),
    );
  });
});
