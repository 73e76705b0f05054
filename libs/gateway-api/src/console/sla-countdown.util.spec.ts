import { SlaCountdownSchema } from '@switchboard/contracts';
import {
  applyClockInput,
  NO_SLA,
  newConversationClocks,
  type ClockInput,
  type EffectiveSla,
} from '@switchboard/sla';
import { describe, expect, it } from 'vitest';
import { nearestCountdown, slaCountdownOf } from './sla-countdown.util';

const T0 = Date.parse('2026-12-05T10:00:00.000Z');
const sla: EffectiveSla = {
  ...NO_SLA,
  policyId: 'p1',
  targets: { firstResponse: 60_000, nextResponse: 60_000, resolution: 3_600_000 },
  warnAtPercent: 80,
};

function clocksAfter(inputs: ClockInput[]) {
  return inputs.reduce((state, input) => applyClockInput(state, input).state, newConversationClocks());
}

const opened: ClockInput[] = [
  { type: 'opened', at: T0, sla },
  { type: 'customerMessage', at: T0 },
];

describe('SLA countdown', () => {
  it('shows the nearest running deadline: the first response before the resolution', () => {
    const countdown = nearestCountdown(clocksAfter(opened));
    expect(SlaCountdownSchema.parse(countdown)).toEqual({
      target: 'firstResponse',
      deadline: new Date(T0 + 60_000).toISOString(),
      state: 'running',
    });
  });

  it('marks a warned run, then a breach ahead of any running target', () => {
    expect(nearestCountdown(clocksAfter([...opened, { type: 'tick', at: T0 + 50_000 }]))?.state).toBe(
      'warning',
    );
    expect(nearestCountdown(clocksAfter([...opened, { type: 'tick', at: T0 + 61_000 }]))).toMatchObject({
      target: 'firstResponse',
      state: 'breached',
    });
  });

  it('is paused while the agent waits on the customer, and absent without a measured target', () => {
    const waiting = clocksAfter([
      ...opened,
      { type: 'agentReply', at: T0 + 10_000 },
      { type: 'waitingOnCustomer', at: T0 + 11_000 },
    ]);
    expect(nearestCountdown(waiting)).toMatchObject({ state: 'paused', deadline: null });
    expect(nearestCountdown(clocksAfter([{ type: 'opened', at: T0, sla: NO_SLA }]))).toBeNull();
  });

  it('reads the stored JSON, and ignores what is not a clock state', () => {
    expect(slaCountdownOf(JSON.parse(JSON.stringify(clocksAfter(opened))))?.target).toBe('firstResponse');
    expect(slaCountdownOf(null)).toBeNull();
    expect(slaCountdownOf({ version: 2 })).toBeNull();
  });
});
