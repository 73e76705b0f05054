import { describe, expect, it } from 'vitest';
import type { EscalationReason } from '../model/contact.model';
import { RoutingErrorCode } from '../model/routing.error';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

const BREACH: EscalationReason = { cause: 'sla-breach', target: 'first-response' };

function codeOf(run: () => unknown): string {
  try {
    run();
    return 'applied';
  } catch (error) {
    return (error as { code: string }).code;
  }
}

// Issue 11: "pull back an unanswered offer and re-offer it".
describe('rescindOffer', () => {
  function offeredToA() {
    const h = harness();
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a', { skills: [{ skill: 'x', proficiency: 9 }] }),
    });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('b', { skills: [{ skill: 'x', proficiency: 2 }] }),
    });
    const contact = contactInput('c1', { requiredSkills: [{ skill: 'x', minProficiency: 1 }] });
    expect(offerPairs(h.engine.apply({ type: 'contactArrived', contact }))).toEqual(['c1->a']);
    return h;
  }

  it('withdraws the live offer, frees the agent and re-offers to the next best agent', () => {
    const h = offeredToA();
    h.clock.advance(10_000);
    const out = h.engine.apply({ type: 'rescindOffer', contactId: 'c1', reason: BREACH, offerId: 'c1:1' });
    expect(out.map((d) => d.type)).toEqual(['offerRescinded', 'offer']);
    expect(only(out, 'offerRescinded')[0]).toEqual({
      type: 'offerRescinded',
      offerId: 'c1:1',
      contactId: 'c1',
      tenantId: 't1',
      agentId: 'a',
      cause: 'rescinded',
      reason: BREACH,
      at: h.clock.t,
    });
    expect(only(out, 'offer')[0]).toMatchObject({
      agentId: 'b',
      offerId: 'c1:2',
      reason: { score: { waitedMs: 10_000 } },
    });
    expect(h.engine.getAgent('a')).toMatchObject({ liveOfferContactIds: [], usedUnits: 0, missedOffers: 0 });
    expect(h.engine.getContact('c1')?.excludedAgentIds).toEqual(['a']);
  });

  it('the freed agent takes other waiting work at once', () => {
    const h = offeredToA();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('b', { status: 'offline' }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    const out = h.engine.apply({ type: 'rescindOffer', contactId: 'c1', reason: BREACH });
    expect(offerPairs(out)).toEqual(['c2->a']);
    expect(h.engine.getContact('c1')?.state).toBe('waiting');
  });

  it('is refused without a live offer, for a stale offer id and once the offer expired', () => {
    const h = offeredToA();
    const rescind = (offerId?: string) => () =>
      h.engine.apply({
        type: 'rescindOffer',
        contactId: 'c1',
        reason: BREACH,
        ...(offerId ? { offerId } : {}),
      });
    expect(codeOf(rescind('c1:0'))).toBe(RoutingErrorCode.OfferNotLive);
    h.clock.advance(30_000);
    expect(codeOf(rescind())).toBe(RoutingErrorCode.OfferExpired);
    h.engine.apply({ type: 'tick' }); // times out to b
    h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'b' });
    expect(codeOf(rescind())).toBe(RoutingErrorCode.OfferNotLive);
    expect(h.engine.getContact('c1')).toMatchObject({ state: 'assigned', agentId: 'b' });
  });
});
