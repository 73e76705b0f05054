import { describe, expect, it } from 'vitest';
import { RoutingErrorCode } from '../model/routing.error';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

const MIN = 60_000;

// Issue 11: "On a transfer to another queue, the policy is matched again."
describe('transferContact', () => {
  function setup() {
    const h = harness();
    h.engine.apply({
      type: 'upsertQueue',
      queue: { id: 'billing', tenantId: 't1', requiredSkills: [{ skill: 'billing', minProficiency: 5 }] },
    });
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('front') });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('biller', { skills: [{ skill: 'billing', proficiency: 8 }], status: 'away' }),
    });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'front' });
    h.engine.apply({ type: 'setAgentStatus', agentId: 'biller', status: 'available' });
    return h;
  }

  it('an assigned contact frees the agent, enters the new queue now and is offered there', () => {
    const h = setup();
    const arrivedAt = h.clock.t;
    h.clock.advance(4 * MIN);
    const out = h.engine.apply({
      type: 'transferContact',
      contactId: 'c1',
      toQueueId: 'billing',
      reason: 'refund',
      byAgentId: 'front',
    });
    expect(out.map((d) => d.type)).toEqual(['contactTransferred', 'offer']);
    expect(only(out, 'contactTransferred')[0]).toEqual({
      type: 'contactTransferred',
      contactId: 'c1',
      tenantId: 't1',
      fromQueueId: 'q1',
      toQueueId: 'billing',
      fromState: 'assigned',
      agentId: 'front',
      offerId: 'c1:1',
      byAgentId: 'front',
      reason: 'refund',
      requiredSkills: [{ skill: 'billing', minProficiency: 5 }],
      at: h.clock.t,
    });
    expect(only(out, 'offer')[0]).toMatchObject({
      agentId: 'biller',
      queueId: 'billing',
      reason: { score: { waitedMs: 4 * MIN } },
    });
    expect(h.engine.getAgent('front')).toMatchObject({
      assignedContactIds: [],
      usedUnits: 0,
      idleSince: h.clock.t,
    });
    expect(h.engine.getContact('c1')).toMatchObject({
      arrivedAt,
      enteredQueueAt: h.clock.t,
      excludedAgentIds: ['front'],
    });
  });

  it('a live offer is rescinded (the agent is not excluded) and escalations are dropped', () => {
    const h = harness();
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'q2', tenantId: 't1' } });
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({
      type: 'escalateContact',
      contactId: 'c1',
      reason: { cause: 'sla-warning', target: 'first-response' },
      raiseScoreBy: 40,
    });
    const out = h.engine.apply({ type: 'transferContact', contactId: 'c1', toQueueId: 'q2' });
    expect(out.map((d) => `${d.type}${d.type === 'offerRescinded' ? `:${d.cause}` : ''}`)).toEqual([
      'offerRescinded:transferred',
      'contactTransferred',
      'offer',
    ]);
    expect(offerPairs(out)).toEqual(['c1->a']);
    expect(h.engine.getContact('c1')).toMatchObject({ queueId: 'q2', escalations: [], score: 0 });
  });

  it("new required skills replace the contact's own", () => {
    const h = harness();
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a', { skills: [{ skill: 'fr', proficiency: 3 }] }),
    });
    const contact = contactInput('c1', { requiredSkills: [{ skill: 'de', minProficiency: 5 }] });
    expect(offerPairs(h.engine.apply({ type: 'contactArrived', contact }))).toEqual([]);
    const out = h.engine.apply({
      type: 'transferContact',
      contactId: 'c1',
      toQueueId: 'q1',
      requiredSkills: [{ skill: 'fr', minProficiency: 2 }],
    });
    expect(offerPairs(out)).toEqual(['c1->a']);
    expect(only(out, 'contactTransferred')[0]).toMatchObject({
      fromState: 'waiting',
      requiredSkills: [{ skill: 'fr', minProficiency: 2 }],
    });
  });

  it('refuses a queue of another tenant or an unknown queue, changing nothing', () => {
    const h = setup();
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'elsewhere', tenantId: 't2' } });
    const codes = ['elsewhere', 'nowhere'].map((toQueueId) => {
      try {
        h.engine.apply({ type: 'transferContact', contactId: 'c1', toQueueId });
        return 'applied';
      } catch (error) {
        return (error as { code: string }).code;
      }
    });
    expect(codes).toEqual([RoutingErrorCode.TenantMismatch, RoutingErrorCode.UnknownQueue]);
    expect(h.engine.getContact('c1')).toMatchObject({ state: 'assigned', agentId: 'front', queueId: 'q1' });
  });
});
