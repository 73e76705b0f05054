import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intentArb, runWorld } from '../testing/random-world.fixtures';
import { restoreInto } from '../testing/restore.fixtures';

// A restart rebuilds state from persisted facts. The rebuilt engine must hold the same offers,
// assignments, rings and scores, and must not emit a single offer while rebuilding.
describe('restore (property)', () => {
  it('rebuilds the same state and emits no duplicate offers', () => {
    fc.assert(
      fc.property(fc.array(intentArb, { minLength: 10, maxLength: 100 }), (intents) => {
        const run = runWorld(intents, false);
        const restored = restoreInto(run);
        expect(restored.decisions.filter((d) => d.includes('"type":"offer"'))).toEqual([]);
        for (const id of run.model.contacts.keys())
          expect(restored.engine.getContact(id), id).toEqual(run.engine.getContact(id));
        for (const id of run.model.agents.keys()) {
          const { liveOfferContactIds, assignedContactIds, ...rest } = run.engine.getAgent(id) ?? {};
          const again = restored.engine.getAgent(id);
          expect(
            again && { ...again, liveOfferContactIds: undefined, assignedContactIds: undefined },
          ).toEqual(
            run.engine.getAgent(id) && {
              ...rest,
              liveOfferContactIds: undefined,
              assignedContactIds: undefined,
            },
          );
          expect(new Set(again?.liveOfferContactIds)).toEqual(new Set(liveOfferContactIds));
          expect(new Set(again?.assignedContactIds)).toEqual(new Set(assignedContactIds));
        }
      }),
      { numRuns: 80 },
    );
  });
});
