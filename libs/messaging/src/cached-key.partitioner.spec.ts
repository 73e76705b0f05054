import fc from 'fast-check';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { CachedKeyPartitioner } from './cached-key.partitioner';

function args(key: string | Buffer | null, partitions: number, partition?: number): PartitionerArgs {
  return {
    topic: 't',
    partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
      partitionErrorCode: 0,
    })),
    message: { key, value: 'v', ...(partition === undefined ? {} : { partition }) },
  };
}

describe('CachedKeyPartitioner', () => {
  it('puts every keyed record where kafkajs default partitioner does, on first sight and when remembered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 64 })), { maxLength: 60 }),
        (records) => {
          const cached = CachedKeyPartitioner();
          const reference = Partitioners.DefaultPartitioner();
          // Twice over, so the second pass answers from the cache.
          for (const [key, partitions] of [...records, ...records]) {
            expect(cached(args(key, partitions))).toBe(reference(args(key, partitions)));
          }
        },
      ),
    );
  });

  it('keeps an explicit partition, and hashes a binary key as kafkajs does', () => {
    const cached = CachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    expect(cached(args('tenant-a', 6, 4))).toBe(4);
    const key = Buffer.from('tenant-b');
    expect(cached(args(key, 6))).toBe(reference(args(key, 6)));
  });

  it('tells a key apart by the partition count it was placed under', () => {
    const cached = CachedKeyPartitioner();
    const reference = Partitioners.DefaultPartitioner();
    const key = fc
      .sample(fc.string({ minLength: 1 }), { numRuns: 50, seed: 7 })
      .find((k) => reference(args(k, 6)) !== reference(args(k, 7)))!;
    expect(cached(args(key, 6))).toBe(reference(args(key, 6)));
    expect(cached(args(key, 7))).toBe(reference(args(key, 7)));
  });
});
