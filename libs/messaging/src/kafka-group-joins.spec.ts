import type { Consumer } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { GroupJoins, isRebalanceError, pinAcrossRebalances } from './kafka-group-joins';
import type { MemberAssignment } from './kafka-live-tail.pin';

function fakeConsumer() {
  let listener: ((event: { payload: { memberAssignment: MemberAssignment } }) => void) | undefined;
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join' },
    on: (_event: string, fn: typeof listener) => {
      listener = fn;
      return () => (listener = undefined);
    },
  } as unknown as Pick<Consumer, 'on' | 'events'>;
  const join = (memberAssignment: MemberAssignment): void => listener?.({ payload: { memberAssignment } });
  return { consumer, join };
}

/** The shape kafkajs throws from commitOffsets when the group's generation moved on: the protocol error as cause. */
const staleGeneration = (): Error =>
  new Error('Specified group generation id is not valid', {
    cause: Object.assign(new Error('Specified group generation id is not valid'), {
      type: 'ILLEGAL_GENERATION',
      code: 22,
    }),
  });

describe('isRebalanceError', () => {
  it('recognises a rebalance in the error or its cause, and nothing else', () => {
    expect(isRebalanceError(staleGeneration())).toBe(true);
    expect(isRebalanceError(new Error('boom'))).toBe(false);
    expect(isRebalanceError('ILLEGAL_GENERATION')).toBe(false);
  });
});

describe('pinAcrossRebalances', () => {
  it('pins again with the assignment of the join that followed a stale-generation failure', async () => {
    const { consumer, join } = fakeConsumer();
    const joins = new GroupJoins(consumer);
    join({ events: [0, 1] });
    const tried: MemberAssignment[] = [];
    const done = pinAcrossRebalances(joins, (assignment) => {
      tried.push(assignment);
      if (tried.length === 1) {
        // The rebalance lands after the failed commit: the retry must wait for it.
        setImmediate(() => join({ events: [1] }));
        return Promise.reject(staleGeneration());
      }
      return Promise.resolve();
    });
    await done;
    expect(tried).toEqual([{ events: [0, 1] }, { events: [1] }]);
    joins.close();
  });

  it('gives up on other errors at once, and on rebalances after the attempts allowed', async () => {
    const { consumer, join } = fakeConsumer();
    const joins = new GroupJoins(consumer);
    let calls = 0;
    await expect(
      pinAcrossRebalances(joins, () => {
        calls += 1;
        return Promise.reject(new Error('broker gone'));
      }),
    ).rejects.toThrow('broker gone');
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      pinAcrossRebalances(
        joins,
        () => {
          calls += 1;
          join({ events: [0] });
          return Promise.reject(staleGeneration());
        },
        { attempts: 3 },
      ),
    ).rejects.toThrow(/generation/);
    expect(calls).toBe(3);
    joins.close();
  });

  it('fails clearly when no join follows a rebalance in time', async () => {
    const { consumer } = fakeConsumer();
    const joins = new GroupJoins(consumer);
    await expect(
      pinAcrossRebalances(joins, () => Promise.reject(staleGeneration()), { joinTimeoutMs: 10 }),
    ).rejects.toThrow(/no group join within 10 ms/);
    joins.close();
  });
});
