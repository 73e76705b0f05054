import fc from 'fast-check';
import type { Admin, Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { pinLiveTail } from './kafka-live-tail.pin';

const PARTITIONS = [0, 1, 2, 3];

/** Per partition: the group's committed offset (-1: none) and the log end. */
const partitionState = fc.record({ committed: fc.integer({ min: -1, max: 50 }), end: fc.nat(100) });

function fakes(state: Array<{ committed: number; end: number }>) {
  const commits: Array<{ topic: string; partition: number; offset: string }> = [];
  const seeks: Array<{ topic: string; partition: number; offset: string }> = [];
  const admin = {
    fetchOffsets: ({ topics }: { topics: string[] }) =>
      Promise.resolve(
        topics.map((topic) => ({
          topic,
          partitions: PARTITIONS.map((partition) => ({
            partition,
            offset: String(state[partition].committed),
          })),
        })),
      ),
    fetchTopicOffsets: () =>
      Promise.resolve(
        PARTITIONS.map((partition) => ({ partition, high: String(state[partition].end), low: '0' })),
      ),
  } as unknown as Admin;
  const consumer = {
    commitOffsets: (pins: typeof commits) => {
      commits.push(...pins);
      return Promise.resolve();
    },
    seek: (pin: (typeof seeks)[number]) => seeks.push(pin),
  } as unknown as Consumer;
  return { admin, consumer, commits, seeks };
}

describe('pinLiveTail', () => {
  it('pins exactly the assigned partitions with nothing committed, at the log end, by commit and seek', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(partitionState, { minLength: 4, maxLength: 4 }),
        fc.subarray(PARTITIONS),
        async (state, assigned) => {
          const { admin, consumer, commits, seeks } = fakes(state);
          const pins = await pinLiveTail(admin, consumer, 'g1', { events: assigned });
          const expected = assigned
            .filter((partition) => state[partition].committed < 0)
            .map((partition) => ({ topic: 'events', partition, offset: String(state[partition].end) }));
          expect(pins).toEqual(expected);
          expect(commits).toEqual(expected);
          expect(seeks).toEqual(expected);
        },
      ),
    );
  });

  it('asks nothing when no partition is assigned', async () => {
    const { admin, consumer, commits } = fakes(PARTITIONS.map(() => ({ committed: -1, end: 5 })));
    expect(await pinLiveTail(admin, consumer, 'g1', { events: [] })).toEqual([]);
    expect(commits).toEqual([]);
  });
});
