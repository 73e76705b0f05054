import { describe, expect, it } from 'vitest';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

const SEC = 1_000;

// Rule 4: bullseye relaxation on timers: drop optional skills, lower the minimum, then overflow.
describe('skill relaxation', () => {
  function setup() {
    const h = harness();
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'overflow', tenantId: 't1', requiredSkills: [] } });
    h.engine.apply({
      type: 'upsertQueue',
      queue: {
        id: 'q1',
        tenantId: 't1',
        relaxation: [
          { afterMs: 30 * SEC, action: 'drop-optional' },
          { afterMs: 60 * SEC, action: 'lower-proficiency', by: 3 },
          { afterMs: 90 * SEC, action: 'overflow', queueId: 'overflow' },
        ],
      },
    });
    return h;
  }
  const contact = contactInput('c1', {
    requiredSkills: [{ skill: 'billing', minProficiency: 8 }],
    optionalSkills: [{ skill: 'french', minProficiency: 5 }],
  });

  it('widens ring by ring as time passes, each on its own timer', () => {
    const h = setup();
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('mid', { skills: [{ skill: 'billing', proficiency: 5 }] }),
    });
    expect(offerPairs(h.engine.apply({ type: 'contactArrived', contact }))).toEqual([]);
    expect(h.engine.nextTimerAt()).toBe(h.clock.t + 30 * SEC);

    h.clock.advance(30 * SEC);
    const first = h.engine.apply({ type: 'tick' });
    expect(only(first, 'relaxed')).toMatchObject([
      { step: 1, action: 'drop-optional', requiredSkills: [{ skill: 'billing', minProficiency: 8 }] },
    ]);
    expect(offerPairs(first)).toEqual([]);

    h.clock.advance(30 * SEC);
    const second = h.engine.apply({ type: 'tick' });
    expect(only(second, 'relaxed')[0].requiredSkills).toEqual([{ skill: 'billing', minProficiency: 5 }]);
    expect(offerPairs(second)).toEqual(['c1->mid']);
    expect(only(second, 'offer')[0].reason.relaxationStep).toBe(2);
  });

  it('the inner ring holds optional skills while a drop-optional step is pending', () => {
    const h = setup();
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('no-french', { skills: [{ skill: 'billing', proficiency: 9 }] }),
    });
    expect(offerPairs(h.engine.apply({ type: 'contactArrived', contact }))).toEqual([]);
    h.clock.advance(30 * SEC);
    expect(offerPairs(h.engine.apply({ type: 'tick' }))).toEqual(['c1->no-french']);
  });

  it("overflows to the target queue and is routed there under that queue's plan", () => {
    const h = setup();
    // The contact's own skills travel with it; the target queue starts its own bullseye at ring 0.
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('generalist', { skills: [{ skill: 'billing', proficiency: 8 }] }),
    });
    h.engine.apply({ type: 'setAgentStatus', agentId: 'generalist', status: 'busy' });
    h.engine.apply({ type: 'contactArrived', contact });
    h.clock.advance(90 * SEC);
    const out = h.engine.apply({ type: 'tick' });
    expect(out.map((d) => d.type)).toEqual(['relaxed', 'relaxed', 'overflowed']);
    expect(
      offerPairs(h.engine.apply({ type: 'setAgentStatus', agentId: 'generalist', status: 'available' })),
    ).toEqual(['c1->generalist']);
    expect(only(out, 'overflowed')[0]).toMatchObject({ fromQueueId: 'q1', toQueueId: 'overflow', step: 3 });
    expect(h.engine.getContact('c1')).toMatchObject({ queueId: 'overflow', relaxationStep: 0 });
  });

  it('a relaxation that is due while an offer is out applies when the contact is re-queued', () => {
    const h = setup();
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a1', {
        skills: [
          { skill: 'billing', proficiency: 9 },
          { skill: 'french', proficiency: 9 },
        ],
      }),
    });
    expect(offerPairs(h.engine.apply({ type: 'contactArrived', contact }))).toEqual(['c1->a1']);
    h.clock.advance(29 * SEC);
    const out = h.engine.apply({ type: 'offerDeclined', contactId: 'c1', agentId: 'a1' });
    expect(out.map((d) => d.type)).toEqual(['requeued']);
    h.clock.advance(1 * SEC);
    expect(only(h.engine.apply({ type: 'tick' }), 'relaxed')).toHaveLength(1);
  });
});
