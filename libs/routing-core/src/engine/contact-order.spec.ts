import { describe, expect, it } from 'vitest';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

const MIN = 60_000;

// Rule 2: one score orders waiting contacts: priority + aging + SLA urgency, with the tier bound on top.
describe('contact order', () => {
  function center(queue = {}) {
    const h = harness(queue);
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a1', { status: 'away' }) });
    return h;
  }
  const free = (h: ReturnType<typeof center>): string[] =>
    offerPairs(h.engine.apply({ type: 'setAgentStatus', agentId: 'a1', status: 'available' }));

  it('higher priority first', () => {
    const h = center();
    h.engine.apply({ type: 'contactArrived', contact: contactInput('low', { basePriority: 0 }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('high', { basePriority: 10 }) });
    expect(free(h)).toEqual(['high->a1']);
  });

  it('aging: 1 point per minute lets a priority-0 contact waiting 11 min pass a fresh priority-10 one', () => {
    const h = center();
    h.engine.apply({ type: 'contactArrived', contact: contactInput('old', { basePriority: 0 }) });
    h.clock.advance(11 * MIN);
    h.engine.apply({ type: 'contactArrived', contact: contactInput('new', { basePriority: 10 }) });
    expect(free(h)).toEqual(['old->a1']);
  });

  it('SLA urgency: inside the window, 10 points/min pull a near-breach contact forward', () => {
    const h = center({ slaUrgencyWindowMs: 5 * MIN, slaUrgencyPointsPerMinute: 10, agingPointsPerMinute: 0 });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('vip', { basePriority: 20 }) });
    // Deadline in 4 min: already 1 min inside the 5-min window -> urgency 10 after the tick.
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('sla', { basePriority: 0, slaDeadline: h.clock.t + 4 * MIN }),
    });
    const escalated = only(h.engine.apply({ type: 'tick' }), 'escalated');
    expect(escalated).toEqual([]); // arrived already urgent: no crossing to announce
    h.clock.advance(2 * MIN + 1); // urgency = 10 x 3 min = 30 > 20
    h.engine.apply({ type: 'tick' });
    expect(free(h)).toEqual(['sla->a1']);
  });

  it('anti-starvation: past its tier bound a standard contact goes ahead of newer VIP work', () => {
    const h = center({ agingPointsPerMinute: 0, starvationBoundMs: { standard: 10 * MIN, vip: 2 * MIN } });
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('small', { basePriority: 0, customerTier: 'standard' }),
    });
    h.clock.advance(9 * MIN);
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('big', { basePriority: 100, customerTier: 'vip' }),
    });
    expect(h.engine.nextTimerAt()).toBe(h.clock.t + MIN);
    h.clock.advance(MIN);
    expect(
      only(h.engine.apply({ type: 'tick' }), 'escalated').map((d) => `${d.contactId}:${d.cause}`),
    ).toEqual(['small:starvation']);
    expect(free(h)).toEqual(['small->a1']);
  });

  it('starved contacts are served in the order their bounds passed', () => {
    const h = center({ agingPointsPerMinute: 0, starvationBoundMs: { standard: 10 * MIN, vip: 2 * MIN } });
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('std', { basePriority: 50, customerTier: 'standard' }),
    });
    h.clock.advance(5 * MIN);
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('vip', { basePriority: 0, customerTier: 'vip' }),
    });
    h.clock.advance(6 * MIN); // vip starved at 7 min, std at 10 min
    h.engine.apply({ type: 'tick' });
    expect(free(h)).toEqual(['vip->a1']);
  });

  it('ties break by arrival, then by id', () => {
    const h = center();
    h.engine.apply({ type: 'contactArrived', contact: contactInput('b', { arrivedAt: h.clock.t }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('a', { arrivedAt: h.clock.t }) });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('a1', { status: 'away', capacity: { chat: 2 } }),
    });
    expect(free(h)).toEqual(['a->a1', 'b->a1']);
  });
});
