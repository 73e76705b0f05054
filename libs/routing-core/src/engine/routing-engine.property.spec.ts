import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intentArb, runWorld } from '../testing/random-world.fixtures';

// Invariants over random command sequences: capacity, eligibility, one holder per contact,
// work conservation, priority order (checked inside RoutingModel) and determinism.
describe('routing engine invariants (property)', () => {
  it('never breaks capacity, eligibility, single-holder, work-conservation or priority order', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 30, maxLength: 120 }), (intents) => {
        const { violations } = runWorld(intents);
        expect(violations).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('is deterministic: the same sequence gives the same decisions', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 30, maxLength: 120 }), (intents) => {
        expect(runWorld(intents, false).log).toEqual(runWorld(intents, false).log);
      }),
      { numRuns: 40 },
    );
  });
});
