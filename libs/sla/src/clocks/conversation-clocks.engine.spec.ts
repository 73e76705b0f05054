import { describe, expect, it } from 'vitest';
import { NO_SLA } from '../policies/sla-policy.matcher';
import { SlaError, SlaErrorCode } from '../sla.error';
import { BREACH, brief, fold, MINUTE, slaOf, WARN } from '../testing/clock.fixtures';
import { applyClockInput, clockWakeAt, newConversationClocks } from './conversation-clocks.engine';

const T = Date.parse('2024-06-10T10:00:00Z');
const iso = (minutes: number): string => new Date(T + minutes * MINUTE).toISOString();
const at = (minutes: number): number => T + minutes * MINUTE;
const hourToReply = slaOf({ firstResponse: 60 * MINUTE });

describe('applyClockInput: warning and breach', () => {
  it('warns at 75 % and breaches at 100 %, each exactly once, waking up for each', () => {
    const opened = fold([{ type: 'opened', at: T, sla: hourToReply }]);
    expect(opened.wakeAt).toBe(at(45));
    const warned = fold([{ type: 'tick', at: at(45) }], opened.state);
    expect(brief(warned.outcomes)).toEqual([`warning firstResponse#1 ${iso(45)}`]);
    expect(warned.outcomes[0]).toMatchObject({ elapsedMs: 45 * MINUTE, deadline: at(60), actions: WARN });
    expect(warned.wakeAt).toBe(at(60));
    // The same tick again (a redelivered timer) fires nothing.
    expect(fold([{ type: 'tick', at: at(45) }], warned.state).outcomes).toEqual([]);
    const breached = fold([{ type: 'tick', at: at(61) }], warned.state);
    expect(brief(breached.outcomes)).toEqual([`breached firstResponse#1 ${iso(60)}`]);
    expect(breached.outcomes[0]).toMatchObject({
      policyId: 'policy-a',
      targetMs: 60 * MINUTE,
      elapsedMs: 60 * MINUTE,
      withinTarget: false,
      actions: BREACH,
    });
    expect(breached.wakeAt).toBeNull();
    expect(fold([{ type: 'tick', at: at(600) }], breached.state).outcomes).toEqual([]);
  });

  it('says when a stored state next wakes, as the step that produced it did (the rebuild after a restart)', () => {
    expect(clockWakeAt(newConversationClocks())).toBeNull();
    const opened = fold([{ type: 'opened', at: T, sla: hourToReply }]);
    expect(clockWakeAt(JSON.parse(JSON.stringify(opened.state)) as typeof opened.state)).toBe(at(45));
    const warned = fold([{ type: 'tick', at: at(45) }], opened.state);
    expect(clockWakeAt(warned.state)).toBe(at(60));
  });

  it('fires a late timer’s warning and breach in time order, then reports the late reply', () => {
    const { outcomes } = fold([
      { type: 'opened', at: T, sla: hourToReply },
      { type: 'agentReply', at: at(90) },
    ]);
    expect(brief(outcomes)).toEqual([
      `warning firstResponse#1 ${iso(45)}`,
      `breached firstResponse#1 ${iso(60)}`,
      `met firstResponse#1 ${iso(90)}`,
    ]);
    expect(outcomes[2]).toMatchObject({ elapsedMs: 90 * MINUTE, withinTarget: false, actions: [] });
  });

  it('honours the policy’s warning threshold', () => {
    const { wakeAt } = fold([
      { type: 'opened', at: T, sla: slaOf({ firstResponse: 60 * MINUTE, warnAtPercent: 10 }) },
    ]);
    expect(wakeAt).toBe(at(6));
  });

  it('reports a reply in time as met and stops waking up', () => {
    const { outcomes, wakeAt } = fold([
      { type: 'opened', at: T, sla: hourToReply },
      { type: 'agentReply', at: at(30) },
    ]);
    expect(brief(outcomes)).toEqual([`met firstResponse#1 ${iso(30)}`]);
    expect(outcomes[0]).toMatchObject({ elapsedMs: 30 * MINUTE, withinTarget: true, deadline: at(60) });
    expect(wakeAt).toBeNull();
  });

  it('treats a reply exactly on the deadline as late: the breach fires first', () => {
    const { outcomes } = fold([
      { type: 'opened', at: T, sla: hourToReply },
      { type: 'agentReply', at: at(60) },
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['warning', 'breached', 'met']);
    expect(outcomes[2].withinTarget).toBe(false);
  });
});

describe('applyClockInput: waiting on the customer', () => {
  const sla = slaOf({ firstResponse: 60 * MINUTE, resolution: 120 * MINUTE });

  it('pauses every clock and moves the deadlines by the time paused', () => {
    const paused = fold([
      { type: 'opened', at: T, sla },
      { type: 'waitingOnCustomer', at: at(20) },
      { type: 'tick', at: at(300) },
    ]);
    expect(paused.outcomes).toEqual([]);
    expect(paused.wakeAt).toBeNull();
    const resumed = fold([{ type: 'customerMessage', at: at(300) }], paused.state);
    // 20 min used before the pause: the first response warns 25 min and breaches 40 min after resuming.
    expect(resumed.wakeAt).toBe(at(325));
    const { outcomes } = fold([{ type: 'tick', at: at(400) }], resumed.state);
    expect(brief(outcomes)).toEqual([
      `warning firstResponse#1 ${iso(325)}`,
      `breached firstResponse#1 ${iso(340)}`,
      `warning resolution#1 ${iso(370)}`,
      `breached resolution#1 ${iso(400)}`,
    ]);
    expect(outcomes.map((o) => o.elapsedMs)).toEqual([45, 60, 90, 120].map((m) => m * MINUTE));
  });

  it('keeps waiting through agent replies; the reply still meets the response target', () => {
    const { outcomes, state } = fold([
      { type: 'opened', at: T, sla },
      { type: 'waitingOnCustomer', at: at(10) },
      { type: 'agentReply', at: at(200) },
    ]);
    expect(brief(outcomes)).toEqual([`met firstResponse#1 ${iso(200)}`]);
    expect(outcomes[0]).toMatchObject({ elapsedMs: 10 * MINUTE, withinTarget: true, deadline: null });
    expect(state.status).toBe('waitingOnCustomer');
  });
});

describe('applyClockInput: resolve and reopen', () => {
  const sla = slaOf({ firstResponse: 60 * MINUTE, resolution: 120 * MINUTE });

  it('stops every clock on resolve: nothing breaches afterwards, however long it stays resolved', () => {
    const resolved = fold([
      { type: 'opened', at: T, sla },
      { type: 'resolved', at: at(30) },
    ]);
    expect(brief(resolved.outcomes)).toEqual([
      `met resolution#1 ${iso(30)}`,
      `cancelled firstResponse#1 ${iso(30)}`,
    ]);
    expect(resolved.wakeAt).toBeNull();
    const later = fold(
      [
        { type: 'tick', at: at(10_000) },
        { type: 'customerMessage', at: at(10_001) },
        { type: 'agentReply', at: at(10_002) },
      ],
      resolved.state,
    );
    expect(later.outcomes).toEqual([]);
    expect(later.wakeAt).toBeNull();
  });

  it('stops every clock on abandon without meeting anything: the customer left, nobody resolved it', () => {
    const abandoned = fold([
      { type: 'opened', at: T, sla },
      { type: 'tick', at: at(45) },
      { type: 'abandoned', at: at(50) },
    ]);
    expect(brief(abandoned.outcomes)).toEqual([
      `warning firstResponse#1 ${iso(45)}`,
      `cancelled resolution#1 ${iso(50)}`,
      `cancelled firstResponse#1 ${iso(50)}`,
    ]);
    expect(abandoned.state.status).toBe('resolved');
    expect(abandoned.wakeAt).toBeNull();
    // The first response would have breached at 60 minutes: nothing fires once abandoned.
    expect(fold([{ type: 'tick', at: at(61) }], abandoned.state).outcomes).toEqual([]);
  });

  it('gives a reopened conversation a fresh resolution run', () => {
    const { outcomes, state, wakeAt } = fold([
      { type: 'opened', at: T, sla },
      { type: 'agentReply', at: at(5) },
      { type: 'resolved', at: at(30) },
      { type: 'reopened', at: at(1000) },
    ]);
    expect(state.runs.resolution).toMatchObject({ run: 2, startedAt: at(1000), warned: false });
    expect(wakeAt).toBe(at(1090));
    expect(brief(outcomes)).toEqual([`met firstResponse#1 ${iso(5)}`, `met resolution#1 ${iso(30)}`]);
  });
});

describe('applyClockInput: next response', () => {
  const sla = slaOf({ firstResponse: 60 * MINUTE, nextResponse: 20 * MINUTE });

  it('starts a run with each customer message that awaits a reply, counting from the first unanswered one', () => {
    const { outcomes, state } = fold([
      { type: 'opened', at: T, sla },
      { type: 'customerMessage', at: at(1) },
      { type: 'agentReply', at: at(2) },
      { type: 'customerMessage', at: at(10) },
      { type: 'customerMessage', at: at(25) },
      { type: 'agentReply', at: at(26) },
      { type: 'agentReply', at: at(27) },
      { type: 'customerMessage', at: at(40) },
      { type: 'tick', at: at(60) },
    ]);
    expect(brief(outcomes)).toEqual([
      `met firstResponse#1 ${iso(2)}`,
      // The second message did not restart the clock: its run counts from minute 10.
      `warning nextResponse#1 ${iso(25)}`,
      `met nextResponse#1 ${iso(26)}`,
      `warning nextResponse#2 ${iso(55)}`,
      `breached nextResponse#2 ${iso(60)}`,
    ]);
    expect(state.runCounts).toMatchObject({ firstResponse: 1, nextResponse: 2 });
  });
});

describe('applyClockInput: transfers match the policy again', () => {
  const a = slaOf({ policyId: 'a', firstResponse: 60 * MINUTE });

  it('carries elapsed business time over against the new policy’s target', () => {
    const b = slaOf({ policyId: 'b', firstResponse: 40 * MINUTE });
    const moved = fold([
      { type: 'opened', at: T, sla: a },
      { type: 'transferred', at: at(20), sla: b },
    ]);
    expect(moved.state.sla.policyId).toBe('b');
    // 20 of b's 40 minutes are used: warning at 30, deadline at 40.
    expect(moved.wakeAt).toBe(at(30));
    const { outcomes } = fold([{ type: 'tick', at: at(41) }], moved.state);
    expect(brief(outcomes)).toEqual([
      `warning firstResponse#1 ${iso(30)}`,
      `breached firstResponse#1 ${iso(40)}`,
    ]);
    expect(outcomes[1]).toMatchObject({ policyId: 'b', targetMs: 40 * MINUTE, carriedOverMs: 20 * MINUTE });
  });

  it('breaches at once when the carried time already exceeds the new target', () => {
    const tight = slaOf({ policyId: 'tight', firstResponse: 15 * MINUTE });
    const { outcomes } = fold([
      { type: 'opened', at: T, sla: a },
      { type: 'transferred', at: at(20), sla: tight },
    ]);
    expect(brief(outcomes)).toEqual([
      `warning firstResponse#1 ${iso(20)}`,
      `breached firstResponse#1 ${iso(20)}`,
    ]);
    expect(outcomes[1]).toMatchObject({
      policyId: 'tight',
      elapsedMs: 20 * MINUTE,
      carriedOverMs: 20 * MINUTE,
    });
  });

  it('never repeats a warning or breach that fired under the previous policy', () => {
    const { outcomes } = fold([
      { type: 'opened', at: T, sla: a },
      { type: 'tick', at: at(70) },
      { type: 'transferred', at: at(80), sla: slaOf({ policyId: 'b', firstResponse: 30 * MINUTE }) },
      { type: 'tick', at: at(500) },
    ]);
    expect(outcomes.map((o) => `${o.kind} ${o.policyId ?? ''}`)).toEqual(['warning a', 'breached a']);
  });

  it('starts measuring a clock the new queue has a target for, with the time already elapsed', () => {
    const moved = fold([
      { type: 'opened', at: T, sla: NO_SLA },
      { type: 'transferred', at: at(50), sla: slaOf({ policyId: 'b', firstResponse: 60 * MINUTE }) },
    ]);
    // 50 of 60 minutes are gone: past the warning at once, the breach 10 minutes later.
    expect(brief(moved.outcomes)).toEqual([`warning firstResponse#1 ${iso(50)}`]);
    expect(moved.outcomes[0]).toMatchObject({
      policyId: 'b',
      elapsedMs: 50 * MINUTE,
      carriedOverMs: 50 * MINUTE,
    });
    expect(moved.wakeAt).toBe(at(60));
  });

  it('stops measuring when the new queue has no SLA, and reports nothing for the reply', () => {
    const { outcomes, wakeAt } = fold([
      { type: 'opened', at: T, sla: a },
      { type: 'transferred', at: at(10), sla: NO_SLA },
      { type: 'tick', at: at(500) },
      { type: 'agentReply', at: at(501) },
    ]);
    expect(outcomes).toEqual([]);
    expect(wakeAt).toBeNull();
  });
});

describe('applyClockInput: inputs and state', () => {
  it('ignores inputs before opening, a second opening, and waiting when already waiting', () => {
    const { outcomes, state } = fold([
      { type: 'agentReply', at: T },
      { type: 'opened', at: at(1), sla: hourToReply },
      { type: 'opened', at: at(2), sla: slaOf({ firstResponse: MINUTE }) },
    ]);
    expect(outcomes).toEqual([]);
    expect(state.runs.firstResponse).toMatchObject({ startedAt: at(1), targetMs: 60 * MINUTE });
  });

  it('counts an input older than the last one as happening at the last one', () => {
    const { outcomes } = fold([
      { type: 'opened', at: T, sla: hourToReply },
      { type: 'tick', at: at(50) },
      { type: 'agentReply', at: at(40) },
    ]);
    expect(outcomes[1]).toMatchObject({ kind: 'met', at: at(50), elapsedMs: 50 * MINUTE });
  });

  it('survives a JSON round trip mid-way (a restart) with the same outcomes', () => {
    const opened = fold([
      { type: 'opened', at: T, sla: slaOf({ firstResponse: 60 * MINUTE, resolution: 90 * MINUTE }) },
      { type: 'tick', at: at(50) },
    ]);
    const restored = JSON.parse(JSON.stringify(opened.state)) as typeof opened.state;
    const rest = [{ type: 'tick' as const, at: at(200) }];
    expect(fold(rest, restored)).toEqual(fold(rest, opened.state));
  });

  it('refuses an instant that is not a number with a coded error', () => {
    const run = () => applyClockInput(newConversationClocks(), { type: 'tick', at: Number.NaN });
    expect(run).toThrow(SlaError);
    expect(run).toThrow(expect.objectContaining({ code: SlaErrorCode.InvalidArgument }) as Error);
  });
});
