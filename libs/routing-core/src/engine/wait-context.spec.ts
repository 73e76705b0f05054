import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentInput, contactInput, harness } from '../testing/routing.fixtures';

describe('getWaitContext', () => {
  it('counts the contacts ahead and the serving agents with their slots', () => {
    const h = harness();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { capacity: { chat: 2 } }) });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a2', { status: 'busy', capacity: { chat: 3 } }),
    });
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('away', { status: 'away' }) });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('french', { languages: ['fr'], status: 'busy' }),
    });
    // a1's two slots take the first two contacts; the next two wait.
    for (const id of ['c1', 'c2', 'c3']) {
      h.engine.apply({ type: 'contactArrived', contact: contactInput(id, { language: 'en' }) });
      h.clock.advance(1000);
    }
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c4', { language: 'en' }) });
    expect(h.engine.getWaitContext('c1')).toBeUndefined();
    expect(h.engine.getWaitContext('c3')).toEqual({ position: 1, agentsServing: 2, slots: 5, freeSlots: 0 });
    expect(h.engine.getWaitContext('c4')).toEqual({ position: 2, agentsServing: 2, slots: 5, freeSlots: 0 });
    expect(h.engine.getWaitContext('nobody')).toBeUndefined();
  });

  it('reports no serving agents when nobody is staffed', () => {
    const h = harness();
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    expect(h.engine.getWaitContext('c1')).toEqual({ position: 1, agentsServing: 0, slots: 0, freeSlots: 0 });
  });

  it('numbers the waiting contacts 1..n without gaps, whatever their arrival times', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 20 }), (gaps) => {
        const h = harness();
        // Padded ids: equal arrivals are ordered by id, which then matches arrival order.
        const id = (i: number): string => `c${String(i).padStart(2, '0')}`;
        gaps.forEach((gap, i) => {
          h.clock.advance(gap);
          h.engine.apply({ type: 'contactArrived', contact: contactInput(id(i)) });
        });
        const positions = gaps.map((_, i) => h.engine.getWaitContext(id(i))?.position ?? 0);
        expect([...positions].sort((a, b) => a - b)).toEqual(gaps.map((_, i) => i + 1));
        // Earlier arrivals are never behind later ones.
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
    );
  });
});
