import { SlaTargetsSchema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../business-calendar';
import { matchSlaPolicy, type SlaPolicyRules } from '../policies/sla-policy.matcher';
import type { ClockInput } from './clock.types';
import { applyClockInput, newConversationClocks } from './conversation-clocks.engine';

// The worked example of docs/sla.md, step by step: if this spec changes, the table there must too.
const MIN = 60_000;
const lisbon: BusinessCalendar = {
  timeZone: 'Europe/Lisbon',
  weekly: [1, 2, 3, 4, 5].flatMap((day) => [
    { day, open: '09:00', close: '12:00' },
    { day, open: '13:00', close: '17:00' },
  ]),
  holidays: ['2024-06-10'],
};
const standard: SlaPolicyRules = {
  id: 'standard',
  calendar: lisbon,
  warnAtPercent: 75,
  onWarning: [{ type: 'notifySupervisors' }],
  onBreach: [{ type: 'raiseScore', by: 50 }, { type: 'reoffer' }],
  targets: SlaTargetsSchema.parse({
    firstResponseMs: { chat: 30 * MIN },
    nextResponseMs: { chat: 20 * MIN },
    resolutionMs: { chat: 240 * MIN },
  }),
};
const priority: SlaPolicyRules = {
  id: 'priority',
  calendar: lisbon,
  warnAtPercent: 50,
  onWarning: [],
  onBreach: [{ type: 'overflow', queueId: 'escalations' }],
  targets: SlaTargetsSchema.parse({
    firstResponseMs: { chat: 10 * MIN },
    nextResponseMs: { chat: 10 * MIN },
    resolutionMs: { chat: 120 * MIN },
  }),
};
const chat = { channelClass: 'chat' as const, tier: 'gold', priority: 10 };
const t = (local: string): number => Date.parse(`2024-06-${local}+01:00`);
const local = (instant: number | null): string | null =>
  instant === null ? null : new Date(instant + 3_600_000).toISOString().slice(8, 19).replace('T', ' ');

describe('docs/sla.md worked example', () => {
  it('fires what the table says, when it says', () => {
    const steps: Array<[ClockInput, string[], string | null]> = [
      [{ type: 'opened', at: t('07T16:50:00'), sla: matchSlaPolicy(standard, chat) }, [], '11 09:12:30'],
      [
        { type: 'tick', at: t('11T09:12:30') },
        ['warning firstResponse#1 standard 22.5/30 +0'],
        '11 09:20:00',
      ],
      [
        { type: 'agentReply', at: t('11T09:15:00') },
        ['met firstResponse#1 standard 25/30 +0'],
        '11 11:50:00',
      ],
      [{ type: 'customerMessage', at: t('11T09:40:00') }, [], '11 09:55:00'],
      [{ type: 'agentReply', at: t('11T09:50:00') }, ['met nextResponse#1 standard 10/20 +0'], '11 11:50:00'],
      [{ type: 'waitingOnCustomer', at: t('11T09:50:00') }, [], null],
      [{ type: 'customerMessage', at: t('11T14:00:00') }, [], '11 14:15:00'],
      [
        { type: 'transferred', at: t('11T14:05:00'), sla: matchSlaPolicy(priority, chat) },
        ['warning nextResponse#2 priority 5/10 +5', 'warning resolution#1 priority 65/120 +65'],
        '11 14:10:00',
      ],
      [{ type: 'tick', at: t('11T14:10:00') }, ['breached nextResponse#2 priority 10/10 +5'], '11 15:00:00'],
      [{ type: 'agentReply', at: t('11T14:12:00') }, ['met nextResponse#2 priority 12/10 +5'], '11 15:00:00'],
      [{ type: 'resolved', at: t('11T14:30:00') }, ['met resolution#1 priority 90/120 +65'], null],
      [{ type: 'tick', at: t('12T14:30:00') }, [], null],
    ];
    let state = newConversationClocks();
    for (const [input, expected, wake] of steps) {
      const step = applyClockInput(state, input);
      const seen = step.outcomes.map(
        (o) =>
          `${o.kind} ${o.target}#${o.run} ${o.policyId ?? '-'} ${o.elapsedMs / MIN}/${o.targetMs / MIN} +${o.carriedOverMs / MIN}`,
      );
      expect({ input: input.type, at: local(input.at), seen, wake: local(step.wakeAt) }).toEqual({
        input: input.type,
        at: local(input.at),
        seen: expected,
        wake,
      });
      state = step.state;
    }
  });

  it('carries the actions of the policy in force', () => {
    const sla = matchSlaPolicy(priority, chat);
    const opened = applyClockInput(newConversationClocks(), { type: 'opened', at: t('11T09:00:00'), sla });
    const { outcomes } = applyClockInput(opened.state, { type: 'tick', at: t('11T09:10:00') });
    expect(outcomes.map((o) => [o.kind, o.actions])).toEqual([
      ['warning', []],
      ['breached', [{ type: 'overflow', queueId: 'escalations' }]],
    ]);
  });
});
