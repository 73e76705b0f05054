import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_MAX_AHEAD_MS } from './agent-command.schema';
import { followUpDueAt } from './follow-up-due.util';

const NOW = Date.parse('2026-12-04T10:00:00.000Z');
const iso = (ms: number): string => new Date(ms).toISOString();

describe('followUpDueAt', () => {
  it('accepts any instant in the future up to 90 days ahead, and inMs from now', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: FOLLOW_UP_MAX_AHEAD_MS }), (ahead) => {
        expect(followUpDueAt({ at: iso(NOW + ahead) }, NOW)).toEqual({ ok: true, dueAt: NOW + ahead });
        expect(followUpDueAt({ inMs: ahead }, NOW)).toEqual({ ok: true, dueAt: NOW + ahead });
      }),
    );
  });

  it.each([
    ['in the past', { at: iso(NOW - 1) }, 'must be in the future'],
    ['now', { at: iso(NOW) }, 'must be in the future'],
    ['too far ahead', { at: iso(NOW + FOLLOW_UP_MAX_AHEAD_MS + 1) }, 'must be at most 90 days ahead'],
    ['both at and inMs', { at: iso(NOW + 1000), inMs: 1000 }, 'give exactly one of at or inMs'],
    ['neither', {}, 'give exactly one of at or inMs'],
  ])('refuses a due time %s, naming the field', (_case, input, message) => {
    expect(followUpDueAt(input, NOW)).toEqual({ ok: false, issues: [{ path: 'at', message }] });
  });
});
