import { describe, expect, it } from 'vitest';
import { parseWith } from '../validation.util';
import {
  CreateSlaPolicyBodySchema,
  slaTargetMs,
  slaTargetRule,
  SlaTargetsSchema,
  UpdateSlaPolicyBodySchema,
} from './sla-policies.schema';

const targets = SlaTargetsSchema.parse({
  firstResponseMs: { chat: 60_000, email: 3_600_000 },
  nextResponseMs: { chat: 120_000 },
  overrides: [
    { tiers: ['platinum'], minPriority: 50, firstResponseMs: { chat: 10_000 } },
    { tiers: ['gold', 'platinum'], firstResponseMs: { chat: 30_000, email: 600_000 } },
    { minPriority: 80, nextResponseMs: { chat: 15_000 } },
  ],
});

describe('slaTargetMs', () => {
  it('uses the class default when no override matches', () => {
    expect(
      slaTargetMs(targets, 'firstResponseMs', { channelClass: 'chat', tier: 'standard', priority: 0 }),
    ).toBe(60_000);
    expect(slaTargetMs(targets, 'nextResponseMs', { channelClass: 'chat', tier: 'gold', priority: 0 })).toBe(
      120_000,
    );
  });

  it('takes the first matching override that sets a target for the class', () => {
    const vip = { channelClass: 'chat' as const, tier: 'platinum', priority: 60 };
    expect(slaTargetMs(targets, 'firstResponseMs', vip)).toBe(10_000);
    expect(slaTargetMs(targets, 'firstResponseMs', { ...vip, priority: 10 })).toBe(30_000);
    // The first override matches but says nothing about email, so the next one decides.
    expect(slaTargetMs(targets, 'firstResponseMs', { ...vip, channelClass: 'email' })).toBe(600_000);
    expect(slaTargetMs(targets, 'nextResponseMs', { ...vip, priority: 80 })).toBe(15_000);
  });

  it('says which rule decided, resolution targets included', () => {
    const withResolution = SlaTargetsSchema.parse({
      ...targets,
      resolutionMs: { chat: 3_600_000 },
      overrides: [...targets.overrides, { tiers: ['gold'], resolutionMs: { chat: 1_800_000 } }],
    });
    const gold = { channelClass: 'chat' as const, tier: 'gold', priority: 0 };
    expect(slaTargetRule(withResolution, 'resolutionMs', gold)).toEqual({
      rule: 'override',
      overrideIndex: 3,
      targetMs: 1_800_000,
    });
    expect(slaTargetRule(withResolution, 'resolutionMs', { ...gold, tier: 'standard' })).toEqual({
      rule: 'default',
      targetMs: 3_600_000,
    });
    expect(slaTargetRule(withResolution, 'resolutionMs', { ...gold, channelClass: 'voice' })).toEqual({
      rule: 'none',
      targetMs: null,
    });
  });

  it('has no target for a class nobody set', () => {
    expect(
      slaTargetMs(targets, 'firstResponseMs', { channelClass: 'voice', tier: 'gold', priority: 0 }),
    ).toBeUndefined();
  });
});

describe('CreateSlaPolicyBodySchema', () => {
  const issues = (input: unknown): string[] => {
    const result = parseWith(CreateSlaPolicyBodySchema, input);
    return result.ok ? [] : result.issues.map((i) => i.path).sort();
  };

  it('accepts a minimal policy and defaults the rest', () => {
    const parsed = CreateSlaPolicyBodySchema.parse({
      name: 'Std',
      targets: { firstResponseMs: { chat: 1 } },
    });
    expect(parsed.targets).toEqual({
      firstResponseMs: { chat: 1 },
      nextResponseMs: {},
      resolutionMs: {},
      overrides: [],
    });
    expect(parsed).toMatchObject({ warnAtPercent: 75, onWarning: [], onBreach: [] });
  });

  it('accepts resolution targets, a warning threshold and actions of every kind', () => {
    const parsed = CreateSlaPolicyBodySchema.parse({
      name: 'Full',
      targets: {
        firstResponseMs: { chat: 60_000 },
        resolutionMs: { chat: 3_600_000 },
        overrides: [{ tiers: ['gold'], resolutionMs: { email: 7_200_000 } }],
      },
      warnAtPercent: 80,
      onWarning: [{ type: 'raiseScore', by: 20 }, { type: 'notifySupervisors' }, { type: 'reoffer' }],
      onBreach: [
        { type: 'widenSkills', to: 'outer-ring' },
        { type: 'overflow', queueId: 'q-1' },
      ],
    });
    expect(parsed.onBreach[0]).toEqual({ type: 'widenSkills', to: 'outer-ring' });
    expect(parsed.onWarning[0]).toEqual({ type: 'raiseScore', by: 20 });
    expect(parsed.targets.overrides[0].resolutionMs).toEqual({ email: 7_200_000 });
  });

  it('names bad thresholds and actions by their field', () => {
    expect(
      issues({
        name: 'x',
        targets: { firstResponseMs: {} },
        warnAtPercent: 100,
        onWarning: [{ type: 'raiseScore', by: 0 }, { type: 'teleport' }],
        onBreach: [{ type: 'widenSkills', to: 'everywhere' }, { type: 'overflow' }],
      }),
    ).toEqual(['onBreach.0.to', 'onBreach.1.queueId', 'onWarning.0.by', 'onWarning.1.type', 'warnAtPercent']);
    expect(issues({ name: 'x', targets: { firstResponseMs: {} }, warnAtPercent: 0 })).toEqual([
      'warnAtPercent',
    ]);
    const twice = [{ type: 'reoffer' }, { type: 'notifySupervisors' }, { type: 'reoffer' }];
    expect(issues({ name: 'x', targets: { firstResponseMs: {} }, onBreach: twice })).toEqual([
      'onBreach.2.type',
    ]);
  });

  it('lets an update change only the threshold or the actions', () => {
    expect(UpdateSlaPolicyBodySchema.parse({ warnAtPercent: 50 })).toEqual({ warnAtPercent: 50 });
    expect(UpdateSlaPolicyBodySchema.parse({ onBreach: [] })).toEqual({ onBreach: [] });
  });

  it('names bad targets and overrides', () => {
    expect(
      issues({
        name: '',
        targets: {
          firstResponseMs: { chat: 0, fax: 1 },
          overrides: [
            { firstResponseMs: { chat: 1 } },
            { tiers: ['gold'], minPriority: 9, maxPriority: 1, nextResponseMs: { email: 5 } },
            { tiers: ['gold'] },
          ],
        },
      }),
    ).toEqual([
      'name',
      'targets.firstResponseMs',
      'targets.firstResponseMs.chat',
      'targets.overrides.0.tiers',
      'targets.overrides.1.maxPriority',
      'targets.overrides.2.firstResponseMs',
    ]);
  });
});
