import { describe, expect, it } from 'vitest';
import type { EscalationReason } from '../model/contact.model';
import { RoutingErrorCode } from '../model/routing.error';
import { agentInput, contactInput, harness, offerPairs, only } from '../testing/routing.fixtures';

const SEC = 1_000;
const MIN = 60 * SEC;
const WARNING: EscalationReason = { cause: 'sla-warning', target: 'first-response' };
const BREACH: EscalationReason = { cause: 'sla-breach', target: 'first-response' };

// Issue 11: an SLA warning or breach feeds back into routing as an escalation of the contact.
describe('escalateContact', () => {
  /** One busy agent and a backlog: 'old' waits with priority 0, newer work has priority 30. */
  function backlog() {
    const h = harness();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('busy') });
    h.engine.apply({ type: 'offerAccepted', contactId: 'busy', agentId: 'a' });
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('old', { slaDeadline: h.clock.t + 20 * MIN }),
    });
    h.clock.advance(2 * MIN);
    h.engine.apply({ type: 'contactArrived', contact: contactInput('new1', { basePriority: 30 }) });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('new2', { basePriority: 30 }) });
    return h;
  }

  it('without an escalation, newer high-priority work goes first', () => {
    const h = backlog();
    expect(offerPairs(h.engine.apply({ type: 'contactCompleted', contactId: 'busy' }))).toEqual(['new1->a']);
  });

  it('a near-breach contact overtakes newer work once escalated, and the offer says why', () => {
    const h = backlog();
    const out = h.engine.apply({
      type: 'escalateContact',
      contactId: 'old',
      reason: WARNING,
      raiseScoreBy: 100,
    });
    expect(out).toEqual([
      {
        type: 'contactEscalated',
        contactId: 'old',
        tenantId: 't1',
        queueId: 'q1',
        reason: WARNING,
        raisedBy: 100,
        escalationPoints: 100,
        state: 'waiting',
        at: h.clock.t,
      },
    ]);
    const served = h.engine.apply({ type: 'contactCompleted', contactId: 'busy' });
    expect(offerPairs(served)).toEqual(['old->a']);
    expect(only(served, 'offer')[0].reason.score).toMatchObject({ priority: 0, escalation: 100, aging: 2 });
  });

  it('overtakes newer work in another queue the same agent serves', () => {
    const h = backlog();
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'q2', tenantId: 't1' } });
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('other', { queueId: 'q2', basePriority: 60 }),
    });
    h.engine.apply({ type: 'escalateContact', contactId: 'old', reason: BREACH, raiseScoreBy: 100 });
    expect(offerPairs(h.engine.apply({ type: 'contactCompleted', contactId: 'busy' }))).toEqual(['old->a']);
  });

  it('applies once per reason: a repeat emits nothing and does not raise twice', () => {
    const h = backlog();
    h.engine.apply({ type: 'escalateContact', contactId: 'old', reason: WARNING, raiseScoreBy: 20 });
    const score = h.engine.getContact('old')?.score;
    expect(
      h.engine.apply({ type: 'escalateContact', contactId: 'old', reason: WARNING, raiseScoreBy: 20 }),
    ).toEqual([]);
    expect(h.engine.getContact('old')?.score).toBe(score);
    // A different reason (the breach after the warning) does add.
    const breach = h.engine.apply({
      type: 'escalateContact',
      contactId: 'old',
      reason: BREACH,
      raiseScoreBy: 20,
    });
    expect(only(breach, 'contactEscalated')[0]).toMatchObject({ raisedBy: 20, escalationPoints: 40 });
    expect(h.engine.getContact('old')?.escalations).toEqual([
      { reason: WARNING, raisedBy: 20 },
      { reason: BREACH, raisedBy: 20 },
    ]);
  });

  it('caps the points a contact carries at the priority limit, below the starvation plateau', () => {
    const h = backlog();
    h.engine.apply({ type: 'escalateContact', contactId: 'old', reason: WARNING, raiseScoreBy: 800_000 });
    const out = h.engine.apply({
      type: 'escalateContact',
      contactId: 'old',
      reason: BREACH,
      raiseScoreBy: 800_000,
    });
    expect(only(out, 'contactEscalated')[0]).toMatchObject({
      raisedBy: 200_000,
      escalationPoints: 1_000_000,
    });
  });

  it('does not lift a contact over one that has starved', () => {
    const h = harness({ agingPointsPerMinute: 0, starvationBoundMs: { standard: MIN } });
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('busy') });
    h.engine.apply({ type: 'offerAccepted', contactId: 'busy', agentId: 'a' });
    h.engine.apply({
      type: 'contactArrived',
      contact: contactInput('starving', { customerTier: 'standard' }),
    });
    h.clock.advance(MIN);
    h.engine.apply({ type: 'tick' });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('hot') });
    h.engine.apply({ type: 'escalateContact', contactId: 'hot', reason: BREACH, raiseScoreBy: 1_000_000 });
    expect(offerPairs(h.engine.apply({ type: 'contactCompleted', contactId: 'busy' }))).toEqual([
      'starving->a',
    ]);
  });

  function planned() {
    const h = harness();
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'general', tenantId: 't1' } });
    h.engine.apply({
      type: 'upsertQueue',
      queue: {
        id: 'q1',
        tenantId: 't1',
        relaxation: [
          { afterMs: 10 * MIN, action: 'lower-proficiency', by: 3 },
          { afterMs: 20 * MIN, action: 'lower-proficiency', by: 3 },
          { afterMs: 30 * MIN, action: 'overflow', queueId: 'general' },
        ],
      },
    });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('junior', { skills: [{ skill: 'billing', proficiency: 3 }] }),
    });
    const contact = contactInput('c1', { requiredSkills: [{ skill: 'billing', minProficiency: 9 }] });
    expect(offerPairs(h.engine.apply({ type: 'contactArrived', contact }))).toEqual([]);
    return h;
  }

  it('widens to the next ring now: an agent without the ring-0 level takes it', () => {
    const h = planned();
    const first = h.engine.apply({
      type: 'escalateContact',
      contactId: 'c1',
      reason: WARNING,
      widenSkills: 'next-ring',
    });
    expect(first.map((d) => d.type)).toEqual(['contactEscalated', 'relaxed']);
    expect(only(first, 'relaxed')[0]).toMatchObject({
      step: 1,
      requiredSkills: [{ skill: 'billing', minProficiency: 6 }],
    });
    expect(offerPairs(first)).toEqual([]);
    // The next ring's own timer still fires at its planned time.
    expect(h.engine.nextTimerAt()).toBe(h.clock.t + 20 * MIN);
    const second = h.engine.apply({
      type: 'escalateContact',
      contactId: 'c1',
      reason: BREACH,
      widenSkills: 'next-ring',
    });
    expect(offerPairs(second)).toEqual(['c1->junior']);
    expect(only(second, 'offer')[0].reason.relaxationStep).toBe(2);
  });

  it("'outer-ring' applies every step up to the plan's overflow, but never moves the contact", () => {
    const h = planned();
    const out = h.engine.apply({
      type: 'escalateContact',
      contactId: 'c1',
      reason: BREACH,
      widenSkills: 'outer-ring',
    });
    expect(only(out, 'relaxed').map((d) => d.step)).toEqual([1, 2]);
    expect(offerPairs(out)).toEqual(['c1->junior']);
    expect(h.engine.getContact('c1')).toMatchObject({ queueId: 'q1', relaxationStep: 2 });
  });

  it('overflows to another queue and is offered there, keeping its age', () => {
    const h = harness({ requiredSkills: [{ skill: 'billing', minProficiency: 5 }] });
    h.engine.apply({ type: 'upsertQueue', queue: { id: 'general', tenantId: 't1' } });
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('generalist') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.clock.advance(3 * MIN);
    const out = h.engine.apply({
      type: 'escalateContact',
      contactId: 'c1',
      reason: BREACH,
      overflowToQueueId: 'general',
    });
    expect(out.map((d) => d.type)).toEqual(['contactEscalated', 'overflowed', 'offer']);
    expect(only(out, 'overflowed')[0]).toMatchObject({
      fromQueueId: 'q1',
      toQueueId: 'general',
      step: 0,
      cause: 'escalation',
    });
    expect(only(out, 'offer')[0]).toMatchObject({
      queueId: 'general',
      reason: { score: { waitedMs: 3 * MIN } },
    });
  });

  it('an offered contact keeps its offer; the new standing counts if it comes back', () => {
    const h = harness();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('a') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    const out = h.engine.apply({
      type: 'escalateContact',
      contactId: 'c1',
      reason: WARNING,
      raiseScoreBy: 50,
    });
    expect(out).toMatchObject([{ type: 'contactEscalated', state: 'offered' }]);
    expect(h.engine.getContact('c1')).toMatchObject({ state: 'offered', agentId: 'a', score: 50 });
  });

  it('refuses bad input before changing anything', () => {
    const h = backlog();
    const bad = [
      { raiseScoreBy: -1 },
      { raiseScoreBy: 2_000_000 },
      { overflowToQueueId: 'nowhere' },
      { reason: { cause: 'whim', target: 'x' } as unknown as EscalationReason },
      { reason: { cause: 'sla-breach', target: '' } as EscalationReason },
    ];
    const codes = bad.map((over) => {
      try {
        h.engine.apply({ type: 'escalateContact', contactId: 'old', reason: WARNING, ...over });
        return 'applied';
      } catch (error) {
        return (error as { code: string }).code;
      }
    });
    expect(codes).toEqual([
      RoutingErrorCode.InvalidCommand,
      RoutingErrorCode.InvalidCommand,
      RoutingErrorCode.UnknownQueue,
      RoutingErrorCode.InvalidCommand,
      RoutingErrorCode.InvalidCommand,
    ]);
    expect(h.engine.getContact('old')?.escalations).toEqual([]);
  });
});
