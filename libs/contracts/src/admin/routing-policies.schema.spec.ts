import { describe, expect, it } from 'vitest';
import { parseWith } from '../validation.util';
import {
  effectivePolicy,
  QueuePolicyDocumentSchema,
  QueuePolicyWriteSchema,
  type QueuePolicyDocument,
} from './routing-policies.schema';

const paths = (schema: typeof QueuePolicyWriteSchema, input: unknown): string[] => {
  const result = parseWith(schema, input);
  return result.ok ? [] : result.issues.map((i) => i.path);
};

describe('effectivePolicy', () => {
  const named: QueuePolicyDocument = {
    strategy: 'best-fit',
    requiredSkills: [{ skill: 'billing', minProficiency: 5 }],
    offerTimeoutMs: { chat: 30_000, email: 120_000 },
    starvationBoundMs: { gold: 60_000 },
    relaxation: [{ afterMs: 60_000, action: 'drop-optional' }],
    maxMissedOffers: 3,
  };

  it('is the named policy when the queue has no inline policy, and the inline one without a named policy', () => {
    expect(effectivePolicy(named, undefined)).toEqual(named);
    expect(effectivePolicy(named, {})).toEqual(named);
    expect(effectivePolicy(null, { strategy: 'round-robin' })).toEqual({ strategy: 'round-robin' });
    expect(effectivePolicy(null, null)).toEqual({});
  });

  it('lets inline scalars win and merges per-key maps key by key', () => {
    const merged = effectivePolicy(named, {
      strategy: 'longest-idle',
      offerTimeoutMs: { chat: 10_000 },
      starvationBoundMs: { platinum: 30_000 },
    });
    expect(merged.strategy).toBe('longest-idle');
    expect(merged.maxMissedOffers).toBe(3);
    expect(merged.offerTimeoutMs).toEqual({ chat: 10_000, email: 120_000 });
    expect(merged.starvationBoundMs).toEqual({ gold: 60_000, platinum: 30_000 });
  });

  it('replaces lists whole, so a queue can drop inherited requirements', () => {
    const merged = effectivePolicy(named, { requiredSkills: [], relaxation: [] });
    expect(merged.requiredSkills).toEqual([]);
    expect(merged.relaxation).toEqual([]);
  });

  it('ignores undefined inline fields and leaves its inputs untouched', () => {
    const inline: QueuePolicyDocument = { strategy: undefined, offerTimeoutMs: { chat: undefined } };
    const before = structuredClone(named);
    const merged = effectivePolicy(named, inline);
    expect(merged.strategy).toBe('best-fit');
    expect(merged.offerTimeoutMs).toEqual({ chat: 30_000, email: 120_000 });
    expect(named).toEqual(before);
  });

  it('produces a document the router accepts', () => {
    expect(
      QueuePolicyDocumentSchema.safeParse(effectivePolicy(named, { strategy: 'round-robin' })).success,
    ).toBe(true);
  });
});

describe('QueuePolicyWriteSchema', () => {
  it('accepts a full policy', () => {
    expect(
      paths(QueuePolicyWriteSchema, {
        strategy: 'least-occupied',
        requiredSkills: [{ skill: 'billing', minProficiency: 4 }],
        agingPointsPerMinute: 2,
        starvationBoundMs: { platinum: 60_000 },
        offerTimeoutMs: { voice: 15_000 },
        relaxation: [
          { afterMs: 0, action: 'drop-optional' },
          { afterMs: 30_000, action: 'lower-proficiency', by: 2 },
          { afterMs: 60_000, action: 'overflow', queueId: 'q-2' },
        ],
        stickinessWindowMs: 3_600_000,
        maxMissedOffers: 2,
      }),
    ).toEqual([]);
  });

  it('names what the core would refuse: order, zero-wait overflow, unknown tiers, absurd durations', () => {
    expect(
      paths(QueuePolicyWriteSchema, {
        starvationBoundMs: { gld: 60_000 },
        offerTimeoutMs: { chat: 10 ** 12 },
        relaxation: [
          { afterMs: 60_000, action: 'drop-optional' },
          { afterMs: 0, action: 'overflow', queueId: 'q-2' },
        ],
      }).sort(),
    ).toEqual([
      'offerTimeoutMs.chat',
      'relaxation.1.afterMs',
      'relaxation.1.afterMs',
      'starvationBoundMs.gld',
    ]);
  });

  it('rejects unknown fields and actions', () => {
    expect(paths(QueuePolicyWriteSchema, { stratgy: 'best-fit' })).toEqual(['']);
    expect(paths(QueuePolicyWriteSchema, { relaxation: [{ afterMs: 1, action: 'teleport' }] })).toEqual([
      'relaxation.0.action',
    ]);
  });
});
