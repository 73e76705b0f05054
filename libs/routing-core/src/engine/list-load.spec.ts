import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentInput, contactInput, harness, T0 } from '../testing/routing.fixtures';

describe('listLoad', () => {
  it('counts each queue by state and each agent by held contacts against its slots', () => {
    const h = harness();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { capacity: { chat: 2, email: 3 } }) });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a2', { status: 'away', capacity: { chat: 4 }, maxUnits: 2 }),
    });
    for (const id of ['c1', 'c2', 'c3']) {
      h.engine.apply({ type: 'contactArrived', contact: contactInput(id) });
      h.clock.advance(1000);
    }
    const { queues, agents } = h.engine.listLoad();
    // a1 takes two chats (one offer each); the third waits since it arrived at T0 + 2 s.
    expect(queues).toEqual([
      { queueId: 'q1', waiting: 1, offered: 2, assigned: 0, oldestWaitingArrivedAt: T0 + 2000 },
    ]);
    expect(agents).toEqual([
      { agentId: 'a1', status: 'available', held: 2, capacity: 5 },
      { agentId: 'a2', status: 'away', held: 0, capacity: 2 },
    ]);
  });

  it('accounts for every contact exactly once, in its queue and with its agent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 4 }), (contacts, agents) => {
        const h = harness();
        for (let i = 0; i < agents; i++) h.engine.apply({ type: 'upsertAgent', agent: agentInput(`a${i}`) });
        for (let i = 0; i < contacts; i++)
          h.engine.apply({ type: 'contactArrived', contact: contactInput(`c${i}`) });
        const load = h.engine.listLoad();
        const [q] = load.queues;
        expect(q.waiting + q.offered + q.assigned).toBe(contacts);
        expect(load.agents.reduce((sum, a) => sum + a.held, 0)).toBe(q.offered + q.assigned);
        for (const a of load.agents) expect(a.held).toBeLessThanOrEqual(a.capacity);
      }),
    );
  });
});
