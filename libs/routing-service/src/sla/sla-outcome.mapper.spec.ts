import type { SlaAction } from '@switchboard/contracts';
import type { ClockOutcome } from '@switchboard/sla';
import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { addOutcomeWrites, escalationCommands, type OutcomeSubject } from './sla-outcome.mapper';

const outcome = (kind: ClockOutcome['kind'], actions: SlaAction[] = []): ClockOutcome => ({
  kind,
  target: 'firstResponse',
  run: 1,
  at: 1_000,
  policyId: 'p1',
  targetMs: 2_000,
  deadline: 2_000,
  elapsedMs: 1_000,
  carriedOverMs: 0,
  withinTarget: kind !== 'breached',
  actions,
});

const subject = (routing: OutcomeSubject['routing']): OutcomeSubject => ({
  conversationId: 'c1',
  agentId: routing === 'waiting' ? null : 'a1',
  queueId: 'q1',
  routing,
});

const ALL: SlaAction[] = [
  { type: 'raiseScore', by: 500 },
  { type: 'widenSkills', to: 'outer-ring' },
  { type: 'notifySupervisors' },
];

describe('SLA outcome mapping', () => {
  it('stores a warning with the actions that apply and announces it to the agent and supervisors', () => {
    const set = new WriteSet();
    addOutcomeWrites(set, outcome('warning', ALL), subject('waiting'), () => 'e1');
    expect(set.slaEvents).toEqual([
      expect.objectContaining({
        id: 'e1',
        conversationId: 'c1',
        kind: 'warning',
        at: 1_000,
        deadline: 2_000,
      }),
    ]);
    expect(JSON.parse(set.slaEvents[0].payload)).toMatchObject({
      target: 'firstResponse',
      run: 1,
      actions: ['raiseScore', 'widenSkills', 'notifySupervisors'],
    });
    expect(set.events).toEqual([
      expect.objectContaining({
        type: 'sla.warning',
        conversationId: 'c1',
        agentId: null,
        deadline: new Date(2_000).toISOString(),
        actions: ['raiseScore', 'widenSkills', 'notifySupervisors'],
      }),
    ]);
  });

  it('turns a waiting contact’s warning actions into one escalation, named by cause, target and run', () => {
    const overflow: SlaAction = { type: 'overflow', queueId: 'q2' };
    expect(escalationCommands(outcome('warning', [...ALL, overflow]), subject('waiting'))).toEqual([
      {
        type: 'escalateContact',
        contactId: 'c1',
        reason: { cause: 'sla-warning', target: 'firstResponse#1' },
        raiseScoreBy: 500,
        widenSkills: 'outer-ring',
        overflowToQueueId: 'q2',
      },
    ]);
    expect(escalationCommands(outcome('breached', ALL), subject('waiting'))[0]).toMatchObject({
      reason: { cause: 'sla-breach' },
    });
  });

  it('pulls back an unanswered offer on reoffer, unless the same actions move the contact away', () => {
    const reoffer: SlaAction[] = [{ type: 'reoffer' }];
    expect(escalationCommands(outcome('breached', reoffer), subject('offered'))).toEqual([
      { type: 'rescindOffer', contactId: 'c1', reason: { cause: 'sla-breach', target: 'firstResponse#1' } },
    ]);
    expect(escalationCommands(outcome('breached', reoffer), subject('waiting'))).toEqual([]);
    const moved = escalationCommands(
      outcome('breached', [{ type: 'overflow', queueId: 'q2' }, ...reoffer]),
      subject('offered'),
    );
    expect(moved.map((c) => c.type)).toEqual(['escalateContact']);
  });

  it('leaves an assigned conversation with its agent: only supervisors are notified', () => {
    const set = new WriteSet();
    addOutcomeWrites(set, outcome('breached', ALL), subject('assigned'), () => 'e1');
    expect(set.events[0]).toMatchObject({
      type: 'sla.breached',
      agentId: 'a1',
      actions: ['notifySupervisors'],
    });
    expect(escalationCommands(outcome('breached', ALL), subject('assigned'))).toEqual([]);
  });

  it('stores a met or cancelled outcome without actions; only met is announced', () => {
    const set = new WriteSet();
    addOutcomeWrites(set, outcome('met', ALL), subject('assigned'), () => 'e1');
    addOutcomeWrites(set, outcome('cancelled', ALL), subject('assigned'), () => 'e2');
    expect(set.slaEvents.map((r) => r.kind)).toEqual(['met', 'cancelled']);
    expect(set.events.map((e) => e.type)).toEqual(['sla.met']);
    expect(set.events[0]).toMatchObject({ actions: [] });
    expect(escalationCommands(outcome('met', ALL), subject('waiting'))).toEqual([]);
  });
});
