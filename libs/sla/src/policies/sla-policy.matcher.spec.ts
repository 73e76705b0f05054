import { SlaTargetsSchema } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { matchSlaPolicy, NO_SLA, type SlaPolicyRules } from './sla-policy.matcher';

const lisbon = {
  timeZone: 'Europe/Lisbon',
  weekly: [{ day: 1, open: '09:00', close: '17:00' }],
  holidays: [],
};

const policy: SlaPolicyRules = {
  id: 'gold-care',
  calendar: lisbon,
  warnAtPercent: 80,
  onWarning: [{ type: 'notifySupervisors' }],
  onBreach: [{ type: 'overflow', queueId: 'escalations' }],
  targets: SlaTargetsSchema.parse({
    firstResponseMs: { chat: 60_000, email: 3_600_000 },
    nextResponseMs: { chat: 120_000 },
    resolutionMs: { chat: 7_200_000 },
    overrides: [
      { tiers: ['platinum'], minPriority: 50, firstResponseMs: { chat: 10_000 } },
      { minPriority: 80, resolutionMs: { chat: 3_600_000 }, nextResponseMs: { email: 600_000 } },
    ],
  }),
};

describe('matchSlaPolicy', () => {
  it('gives no targets and says so when the queue has no policy', () => {
    const sla = matchSlaPolicy(null, { channelClass: 'chat', tier: 'gold', priority: 90 });
    expect(sla).toBe(NO_SLA);
    expect(sla.matched.firstResponse).toEqual({ rule: 'noPolicy', targetMs: null });
  });

  it('decides each target on its own: first matching override, else the class default, else none', () => {
    const sla = matchSlaPolicy(policy, { channelClass: 'chat', tier: 'platinum', priority: 90 });
    expect(sla.targets).toEqual({ firstResponse: 10_000, nextResponse: 120_000, resolution: 3_600_000 });
    expect(sla.matched).toEqual({
      firstResponse: { rule: 'override', overrideIndex: 0, targetMs: 10_000 },
      nextResponse: { rule: 'default', targetMs: 120_000 },
      resolution: { rule: 'override', overrideIndex: 1, targetMs: 3_600_000 },
    });
  });

  it('carries the policy’s threshold, actions and calendar', () => {
    const sla = matchSlaPolicy(policy, { channelClass: 'email', tier: 'standard', priority: 0 });
    expect(sla).toMatchObject({
      policyId: 'gold-care',
      calendar: lisbon,
      warnAtPercent: 80,
      onWarning: [{ type: 'notifySupervisors' }],
      onBreach: [{ type: 'overflow', queueId: 'escalations' }],
      targets: { firstResponse: 3_600_000, nextResponse: null, resolution: null },
    });
    expect(sla.matched.resolution).toEqual({ rule: 'none', targetMs: null });
  });

  it('matches an unknown tier against tier-free overrides only', () => {
    const sla = matchSlaPolicy(policy, { channelClass: 'email', tier: 'vip-legacy', priority: 85 });
    expect(sla.matched.nextResponse).toEqual({ rule: 'override', overrideIndex: 1, targetMs: 600_000 });
  });

  it('is plain JSON', () => {
    const sla = matchSlaPolicy(policy, { channelClass: 'chat', tier: 'gold', priority: 10 });
    expect(JSON.parse(JSON.stringify(sla))).toEqual(sla);
  });
});
