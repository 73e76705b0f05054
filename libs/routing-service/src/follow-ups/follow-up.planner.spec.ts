import { AGENT_COMMAND_V1, ErrorCode, FOLLOW_UP_MAX_AHEAD_MS } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import {
  planCancel,
  planDue,
  planSchedule,
  type CancelCommand,
  type KnownFollowUp,
  type ScheduleCommand,
} from './follow-up.planner';

const ISSUED = Date.parse('2026-12-04T10:00:00.000Z');
let commands = 0;
const schedule = (extra: Partial<ScheduleCommand> = {}): ScheduleCommand => ({
  schema: AGENT_COMMAND_V1,
  type: 'conversation.follow-up',
  commandId: `cmd-${++commands}`,
  tenantId: 't1',
  agentId: 'alice',
  issuedAt: new Date(ISSUED).toISOString(),
  conversationId: 'c1',
  at: new Date(ISSUED + 2 * 86_400_000).toISOString(),
  note: 'Check the refund landed',
  ...extra,
});
const cancel = (followUpId: string, agentId = 'alice'): CancelCommand => ({
  schema: AGENT_COMMAND_V1,
  type: 'conversation.follow-up-cancel',
  commandId: `cmd-${++commands}`,
  tenantId: 't1',
  agentId,
  issuedAt: new Date(ISSUED).toISOString(),
  followUpId,
});
const stored = (status: KnownFollowUp['status'], extra: Partial<KnownFollowUp> = {}): KnownFollowUp => ({
  id: 'f1',
  conversationId: 'c1',
  agentId: 'alice',
  dueAt: ISSUED + 1000,
  note: 'n',
  status,
  ...extra,
});

describe('planSchedule', () => {
  it('stores a follow-up under the command id for the agent holding the conversation and announces it', () => {
    const set = new WriteSet();
    const command = schedule();
    const dueAt = planSchedule(command, { assignedAgentId: 'alice', known: undefined, now: ISSUED }, set);
    expect(dueAt).toBe(ISSUED + 2 * 86_400_000);
    expect(set.followUps).toEqual([
      {
        id: command.commandId,
        conversationId: 'c1',
        agentId: 'alice',
        dueAt,
        note: 'Check the refund landed',
        status: 'scheduled',
        createdAt: ISSUED,
        firedAt: null,
        cancelledAt: null,
      },
    ]);
    expect(set.events).toEqual([
      {
        type: 'follow-up.scheduled',
        followUpId: command.commandId,
        conversationId: 'c1',
        agentId: 'alice',
        dueAt: command.at,
        note: 'Check the refund landed',
      },
    ]);
  });

  it.each([
    ['another agent holds it', 'bob'],
    ['nobody holds it', undefined],
  ])('refuses when %s', (_case, assignedAgentId) => {
    const set = new WriteSet();
    const command = schedule();
    expect(planSchedule(command, { assignedAgentId, known: undefined, now: ISSUED }, set)).toBeNull();
    expect(set.followUps).toEqual([]);
    expect(set.events).toEqual([
      expect.objectContaining({
        type: 'command.rejected',
        commandId: command.commandId,
        code: ErrorCode.Forbidden,
      }),
    ]);
  });

  it('changes nothing for a redelivered command whose follow-up is already known', () => {
    const set = new WriteSet();
    const known = stored('scheduled');
    expect(planSchedule(schedule(), { assignedAgentId: 'alice', known, now: ISSUED }, set)).toBeNull();
    expect(set.isEmpty()).toBe(true);
  });

  it('refuses a due time more than 90 days after the command was issued, naming the field', () => {
    const set = new WriteSet();
    const at = new Date(ISSUED + FOLLOW_UP_MAX_AHEAD_MS + 1).toISOString();
    expect(
      planSchedule(schedule({ at }), { assignedAgentId: 'alice', known: undefined, now: ISSUED }, set),
    ).toBeNull();
    expect(set.events).toEqual([
      expect.objectContaining({
        code: ErrorCode.ValidationFailed,
        message: expect.stringMatching(/^at:/) as string,
      }),
    ]);
  });
});

describe('planCancel', () => {
  it('cancels a scheduled follow-up of the agent and announces it', () => {
    const set = new WriteSet();
    expect(planCancel(cancel('f1'), stored('scheduled'), ISSUED, set)).toBe('applied');
    expect([...set.followUpChanges]).toEqual([['f1', { status: 'cancelled', at: ISSUED }]]);
    expect(set.events).toEqual([
      { type: 'follow-up.cancelled', followUpId: 'f1', conversationId: 'c1', agentId: 'alice' },
    ]);
  });

  it.each([
    ['unknown', undefined, 'alice', ErrorCode.NotFound],
    ["another agent's", stored('scheduled'), 'bob', ErrorCode.NotFound],
    ['already fired', stored('fired'), 'alice', ErrorCode.Conflict],
  ])('refuses an %s follow-up', (_case, known, agentId, code) => {
    const set = new WriteSet();
    expect(planCancel(cancel('f1', agentId), known, ISSUED, set)).toBe('rejected');
    expect(set.followUpChanges.size).toBe(0);
    expect(set.events).toEqual([expect.objectContaining({ type: 'command.rejected', code })]);
  });

  it('answers a repeated cancel as done without writing', () => {
    const set = new WriteSet();
    expect(planCancel(cancel('f1'), stored('cancelled'), ISSUED, set)).toBe('duplicate');
    expect(set.isEmpty()).toBe(true);
  });

  it('folds a cancel into a follow-up scheduled in the same batch, so it is inserted cancelled', () => {
    const set = new WriteSet();
    const command = schedule();
    planSchedule(command, { assignedAgentId: 'alice', known: undefined, now: ISSUED }, set);
    const fresh = set.newFollowUp(command.commandId);
    expect(planCancel(cancel(command.commandId), fresh, ISSUED + 5, set)).toBe('applied');
    expect(set.followUps[0]).toMatchObject({ status: 'cancelled', cancelledAt: ISSUED + 5, firedAt: null });
    expect(set.followUpChanges.size).toBe(0);
  });
});

describe('planDue', () => {
  it('reopens a resolved conversation and reminds about an open one', () => {
    const resolvedSet = new WriteSet();
    expect(planDue(stored('scheduled'), true, ISSUED, resolvedSet)).toBe('reopen');
    expect(resolvedSet.events).toEqual([
      {
        type: 'follow-up.due',
        followUpId: 'f1',
        conversationId: 'c1',
        agentId: 'alice',
        note: 'n',
        reopened: true,
      },
    ]);
    const openSet = new WriteSet();
    expect(planDue(stored('scheduled'), false, ISSUED, openSet)).toBe('remind');
    expect(openSet.events).toEqual([expect.objectContaining({ type: 'follow-up.due', reopened: false })]);
    expect([...openSet.followUpChanges]).toEqual([['f1', { status: 'fired', at: ISSUED }]]);
  });

  it('fires exactly once however often its timer goes off, and never once cancelled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('due', 'cancel'), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (steps, resolved) => {
          // Each step is its own batch over what the previous ones stored.
          let known = stored('scheduled');
          let fired = 0;
          let cancelledFirst = false;
          for (const step of steps) {
            const set = new WriteSet();
            if (step === 'cancel') {
              if (planCancel(cancel('f1'), known, ISSUED, set) === 'applied' && fired === 0)
                cancelledFirst = true;
            } else if (planDue(known, resolved, ISSUED, set) !== 'none') fired += 1;
            const change = set.followUpChanges.get('f1');
            if (change) known = { ...known, status: change.status };
          }
          expect(fired).toBe(cancelledFirst || !steps.includes('due') ? 0 : 1);
        },
      ),
    );
  });
});
