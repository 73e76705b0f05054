import { describe, expect, it } from 'vitest';
import { parseWith } from '../validation.util';
import { CreateSlaPolicyBodySchema, slaTargetMs, SlaTargetsSchema } from './sla-policies.schema';

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
    expect(parsed.targets).toEqual({ firstResponseMs: { chat: 1 }, nextResponseMs: {}, overrides: [] });
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
