import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colleaguesOf } from './transfer-target.util';

describe('colleaguesOf', () => {
  it('leaves out exactly the agent themselves, keeping everyone else in order', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a1', 'a2', 'a3', 'a4'), { maxLength: 4 });
    fc.assert(
      fc.property(ids, fc.option(fc.constantFrom('a1', 'a2', 'a5'), { nil: null }), (agentIds, self) => {
        const agents = agentIds.map((id) => ({ id, name: id.toUpperCase() }));
        const offered = colleaguesOf(agents, self);
        expect(offered.map((a) => a.id)).toEqual(agentIds.filter((id) => id !== self));
      }),
    );
  });
});
