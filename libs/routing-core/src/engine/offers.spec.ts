import { describe, expect, it } from 'vitest';
import { RoutingErrorCode } from '../model/routing.error';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

// Rule 5: offers reserve capacity, accept assigns, decline/timeout re-queue with the original age and
// exclude the agent, N missed offers in a row set the agent away, one live offer per contact.
describe('offers', () => {
  function twoAgents() {
    const h = harness({ maxMissedOffers: 2 });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a', { skills: [{ skill: 'vip', proficiency: 9 }] }),
    });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('b', { skills: [{ skill: 'vip', proficiency: 4 }] }),
    });
    return h;
  }

  it('a VIP contact with a skill goes to the most skilled agent; accept makes it an assignment', () => {
    const h = twoAgents();
    const offer = only(
      h.engine.apply({
        type: 'contactArrived',
        contact: contactInput('c1', { requiredSkills: [{ skill: 'vip', minProficiency: 3 }] }),
      }),
      'offer',
    )[0];
    expect(offer).toMatchObject({ agentId: 'a', offerId: 'c1:1', expiresAt: h.clock.t + 30_000 });
    expect(h.engine.getAgent('a')?.liveOfferContactIds).toEqual(['c1']);
    h.clock.advance(2_000);
    expect(
      h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'a', offerId: 'c1:1' }),
    ).toMatchObject([{ type: 'assigned', waitedMs: 2_000 }]);
    expect(h.engine.getContact('c1')?.state).toBe('assigned');
  });

  it('a declined offer is re-offered to the next agent, keeping the original arrival', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.clock.advance(5_000);
    const out = h.engine.apply({ type: 'offerDeclined', contactId: 'c1', agentId: 'a' });
    expect(out.map((d) => d.type)).toEqual(['requeued', 'offer']);
    expect(only(out, 'requeued')[0].cause).toBe('declined');
    expect(only(out, 'offer')[0]).toMatchObject({
      agentId: 'b',
      offerId: 'c1:2',
      reason: { score: { waitedMs: 5_000 } },
    });
  });

  it('a timeout re-queues, excludes, and after maxMissedOffers in a row the agent goes away', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    h.clock.advance(30_000);
    const first = h.engine.apply({ type: 'tick' });
    expect(only(first, 'requeued').map((d) => `${d.contactId}:${d.cause}`)).toEqual(['c1:timeout']);
    expect(offerPairs(first)).toEqual(['c2->a']);
    h.clock.advance(30_000);
    const second = h.engine.apply({ type: 'tick' });
    expect(only(second, 'agentStatusChanged')).toMatchObject([
      { agentId: 'a', from: 'available', to: 'away', cause: 'missed-offers' },
    ]);
    expect(h.engine.getAgent('a')?.load.chat).toBe(0);
  });

  it('an accept resets the missed-offer streak', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a', { capacity: { chat: 2 } }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    h.clock.advance(30_000);
    h.engine.apply({ type: 'tick' }); // c1 and c2 both time out: 2 missed
    expect(h.engine.getAgent('a')?.status).toBe('away');
    h.engine.apply({ type: 'setAgentStatus', agentId: 'a', status: 'available' });
    expect(h.engine.getAgent('a')?.missedOffers).toBe(0);
  });

  it('a contact has at most one live offer; answers to stale or expired offers are refused', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    expect(() => h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'b' })).toThrow(
      expect.objectContaining({ code: RoutingErrorCode.OfferNotLive }),
    );
    expect(() =>
      h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'a', offerId: 'c1:0' }),
    ).toThrow(expect.objectContaining({ code: RoutingErrorCode.OfferNotLive }));
    h.clock.advance(30_000);
    expect(() => h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'a' })).toThrow(
      expect.objectContaining({ code: RoutingErrorCode.OfferExpired }),
    );
  });

  it('withdrawal rescinds a live offer and frees the agent for the next contact', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    const out = h.engine.apply({ type: 'contactWithdrawn', contactId: 'c1' });
    expect(out.map((d) => d.type)).toEqual(['offerRescinded', 'offer']);
    expect(h.engine.getContact('c1')).toBeUndefined();
  });

  it('going offline takes back live offers without excluding the agent; assignments stay', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    const out = h.engine.apply({ type: 'setAgentStatus', agentId: 'a', status: 'offline' });
    expect(only(out, 'requeued')).toMatchObject([{ contactId: 'c1', cause: 'agent-offline' }]);
    expect(offerPairs(h.engine.apply({ type: 'setAgentStatus', agentId: 'a', status: 'available' }))).toEqual(
      ['c1->a'],
    );
  });

  it('completion frees capacity; with agentStatus wrap-up the slot is not re-offered at once', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'a' });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    expect(
      offerPairs(h.engine.apply({ type: 'contactCompleted', contactId: 'c1', agentStatus: 'wrap-up' })),
    ).toEqual([]);
    expect(offerPairs(h.engine.apply({ type: 'setAgentStatus', agentId: 'a', status: 'available' }))).toEqual(
      ['c2->a'],
    );
  });

  it('removing an agent puts its offers and assignments back in line', () => {
    const h = twoAgents();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'a' });
    const out = h.engine.apply({ type: 'removeAgent', agentId: 'a' });
    expect(only(out, 'requeued')).toMatchObject([{ contactId: 'c1', cause: 'agent-removed' }]);
    expect(h.engine.getContact('c1')?.state).toBe('waiting');
  });
});
