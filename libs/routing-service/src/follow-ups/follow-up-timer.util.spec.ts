import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followUpTimerKey, splitDueKeys } from './follow-up-timer.util';

describe('follow-up timer keys', () => {
  it('split due keys back into the conversation ids and follow-up ids they came from, in order', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9._@-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), id)), (entries) => {
        const keys = entries.map(([followUp, value]) => (followUp ? followUpTimerKey(value) : value));
        expect(splitDueKeys(keys)).toEqual({
          conversationIds: entries.filter(([f]) => !f).map(([, v]) => v),
          followUpIds: entries.filter(([f]) => f).map(([, v]) => v),
        });
      }),
    );
  });
});
