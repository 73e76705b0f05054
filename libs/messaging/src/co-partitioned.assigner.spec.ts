import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coPartition } from './co-partitioned.assigner';

describe('coPartition', () => {
  it('gives one member the same partition index in every topic', () => {
    const assignment = coPartition(
      ['m-b', 'm-a'],
      new Map([
        ['inbound', [0, 1, 2, 3]],
        ['commands', [0, 1, 2, 3]],
      ]),
    );
    expect(assignment.get('m-a')).toEqual({ inbound: [0, 2], commands: [0, 2] });
    expect(assignment.get('m-b')).toEqual({ inbound: [1, 3], commands: [1, 3] });
  });

  it('assigns every partition exactly once and co-locates indexes, for any group', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 24 }),
        (members, partitions) => {
          const indexes = Array.from({ length: partitions }, (_, i) => i);
          const assignment = coPartition(
            members,
            new Map([
              ['a', indexes],
              ['b', indexes],
            ]),
          );
          const ownersA = new Map<number, string>();
          const ownersB = new Map<number, string>();
          for (const [member, topics] of assignment) {
            for (const p of topics.a ?? []) ownersA.set(p, member);
            for (const p of topics.b ?? []) ownersB.set(p, member);
          }
          expect(ownersA.size).toBe(partitions);
          for (const p of indexes) expect(ownersA.get(p)).toBe(ownersB.get(p));
        },
      ),
    );
  });
});
