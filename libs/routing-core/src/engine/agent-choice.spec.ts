import { describe, expect, it } from 'vitest';
import type { RoutingStrategy } from '../model/queue.model';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

const billing = (proficiency: number) => [{ skill: 'billing', proficiency }];
const needsBilling = { requiredSkills: [{ skill: 'billing', minProficiency: 3 }] };

// Rule 3: the queue strategy picks among eligible agents; stickiness comes first within its window.
describe('agent choice', () => {
  function team(strategy: RoutingStrategy) {
    const h = harness({ strategy });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a', { skills: billing(5), capacity: { chat: 2 } }),
    });
    h.clock.advance(1_000);
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('b', { skills: billing(9), capacity: { chat: 2 } }),
    });
    h.clock.advance(1_000);
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('c', { skills: billing(9), capacity: { chat: 2 } }),
    });
    return h;
  }

  it('best-fit: highest proficiency, then lowest occupancy, then longest idle, then id', () => {
    const h = team('best-fit');
    const first = only(
      h.engine.apply({ type: 'contactArrived', contact: contactInput('c1', needsBilling) }),
      'offer',
    )[0];
    expect(first.agentId).toBe('b'); // b and c tie on fit 9 and occupancy; b idle longer
    expect(first.reason).toMatchObject({ rule: 'best-fit', chosen: { agentId: 'b', skillFit: 9 } });
    expect(first.reason.beat.map((f) => f.agentId)).toEqual(['c', 'a']);
    expect(
      offerPairs(h.engine.apply({ type: 'contactArrived', contact: contactInput('c2', needsBilling) })),
    ).toEqual(['c2->c']); // b is now busier
  });

  it('longest-idle: the agent idle longest, whatever their skill', () => {
    const h = team('longest-idle');
    expect(
      offerPairs(h.engine.apply({ type: 'contactArrived', contact: contactInput('c1', needsBilling) })),
    ).toEqual(['c1->a']);
    expect(
      offerPairs(h.engine.apply({ type: 'contactArrived', contact: contactInput('c2', needsBilling) })),
    ).toEqual(['c2->b']);
  });

  it('least-occupied: lowest share of capacity in use', () => {
    const h = team('least-occupied');
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a', { skills: billing(5), capacity: { chat: 10 } }),
    });
    const pairs = ['c1', 'c2', 'c3', 'c4'].flatMap((id) =>
      offerPairs(h.engine.apply({ type: 'contactArrived', contact: contactInput(id, needsBilling) })),
    );
    // After c3: a holds 1/10, b and c 1/2 each, so a (0.1) beats b and c (0.5) despite holding work.
    expect(pairs).toEqual(['c1->a', 'c2->b', 'c3->c', 'c4->a']);
  });

  it('round-robin: least recently offered by this queue', () => {
    const h = team('round-robin');
    const pairs = ['c1', 'c2', 'c3', 'c4'].flatMap((id) =>
      offerPairs(h.engine.apply({ type: 'contactArrived', contact: contactInput(id, needsBilling) })),
    );
    expect(pairs).toEqual(['c1->a', 'c2->b', 'c3->c', 'c4->a']);
  });

  it('sticky: the preferred agent wins when eligible', () => {
    const h = team('best-fit');
    const offer = only(
      h.engine.apply({
        type: 'contactArrived',
        contact: contactInput('c1', { ...needsBilling, preferredAgentId: 'a' }),
      }),
      'offer',
    )[0];
    expect(offer).toMatchObject({ agentId: 'a', reason: { rule: 'sticky-preferred' } });
  });

  it('sticky: the last agent wins only within the stickiness window', () => {
    const h = team('best-fit');
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'q1', tenantId: 't1', stickinessWindowMs: 60_000 } });
    const fresh = contactInput('c1', {
      ...needsBilling,
      lastAgentId: 'a',
      lastHandledAt: h.clock.t - 30_000,
    });
    const stale = contactInput('c2', {
      ...needsBilling,
      lastAgentId: 'a',
      lastHandledAt: h.clock.t - 120_000,
    });
    expect(only(h.engine.apply({ type: 'contactArrived', contact: fresh }), 'offer')[0].reason.rule).toBe(
      'sticky-last',
    );
    expect(only(h.engine.apply({ type: 'contactArrived', contact: stale }), 'offer')[0]).toMatchObject({
      agentId: 'b',
      reason: { rule: 'best-fit' },
    });
  });

  it('sticky agent not eligible: the strategy decides, nobody waits for them', () => {
    const h = team('best-fit');
    h.engine.apply({ type: 'setAgentStatus', agentId: 'a', status: 'away' });
    expect(
      offerPairs(
        h.engine.apply({
          type: 'contactArrived',
          contact: contactInput('c1', { ...needsBilling, preferredAgentId: 'a' }),
        }),
      ),
    ).toEqual(['c1->b']);
  });

  it('explanations list at most explainTopN beaten agents', () => {
    const h = harness();
    for (let i = 0; i < 10; i++) h.engine.apply({ type: 'upsertAgent', agent: agentInput(`a${i}`) });
    const offer = only(h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') }), 'offer')[0];
    expect(offer.reason.beat).toHaveLength(3);
    expect(offer.reason.score).toMatchObject({
      total: 0,
      priority: 0,
      aging: 0,
      slaUrgency: 0,
      starvationBoost: 0,
    });
  });
});
