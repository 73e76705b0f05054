import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { BusOverloadedError } from './bus.errors';
import type { ConsumedBatch } from './bus.port';
import { InProcessBus } from './in-process.bus';

const quiet = pino({ level: 'silent' });
const values = (batch: ConsumedBatch): string[] => batch.messages.map((m) => m.value.toString());
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

describe('InProcessBus', () => {
  it('delivers in publish order with increasing offsets', async () => {
    const bus = new InProcessBus(quiet);
    const seen: string[] = [];
    const offsets: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: (batch) => {
        seen.push(...values(batch));
        offsets.push(...batch.messages.map((m) => m.offset));
        return Promise.resolve();
      },
    });
    await bus.publish('t', [
      { key: 'k', value: 'a' },
      { key: 'k', value: 'b' },
    ]);
    await bus.publish('t', [{ key: 'k', value: 'c' }]);
    await settle();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(offsets).toEqual(['0', '1', '2']);
    await bus.close();
  });

  it('redelivers a failed batch until the handler succeeds, and never skips it', async () => {
    const bus = new InProcessBus(quiet);
    let attempts = 0;
    const committed: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: (batch) => {
        attempts++;
        if (attempts < 3) return Promise.reject(new Error('database down'));
        committed.push(...values(batch));
        return Promise.resolve();
      },
    });
    await bus.publish('t', [{ key: 'k', value: 'x' }]);
    await expect.poll(() => committed, { timeout: 5000 }).toEqual(['x']);
    expect(attempts).toBe(3);
    expect(bus.lag('g')).toBe(0);
    await bus.close();
  });

  it('gives every group every message, and a late group without fromBeginning only new ones', async () => {
    const bus = new InProcessBus(quiet);
    const early: string[] = [];
    const late: string[] = [];
    const collect = (into: string[]) => (batch: ConsumedBatch) => {
      into.push(...values(batch));
      return Promise.resolve();
    };
    await bus.subscribe({
      groupId: 'early',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: collect(early),
    });
    await bus.publish('t', [{ key: 'k', value: 'before' }]);
    await settle();
    await bus.subscribe({ groupId: 'late', topics: ['t'], fromBeginning: false, handleBatch: collect(late) });
    await bus.publish('t', [{ key: 'k', value: 'after' }]);
    await settle();
    expect(early).toEqual(['before', 'after']);
    expect(late).toEqual(['after']);
    await bus.close();
  });

  it('keeps messages published before the first subscriber for a fromBeginning group', async () => {
    const bus = new InProcessBus(quiet);
    await bus.publish('t', [{ key: 'k', value: 'early bird' }]);
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: (batch) => {
        seen.push(...values(batch));
        return Promise.resolve();
      },
    });
    await settle();
    expect(seen).toEqual(['early bird']);
    await bus.close();
  });

  it('refuses a second member in the same group rather than silently splitting work', async () => {
    const bus = new InProcessBus(quiet);
    const options = {
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: () => Promise.resolve(),
    };
    await bus.subscribe(options);
    await expect(bus.subscribe(options)).rejects.toThrow(/already has a member/);
    await bus.close();
  });
});

describe('InProcessBus bounds', () => {
  it('refuses a publish that would take a read topic past maxBacklog, and accepts again once consumed', async () => {
    const bus = new InProcessBus(quiet, { maxBacklog: 10 });
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    await bus.subscribe({
      groupId: 'slow',
      topics: ['t'],
      fromBeginning: true,
      handleBatch: async (batch) => {
        await blocked;
        seen.push(...values(batch));
      },
    });
    const ten = Array.from({ length: 10 }, (_, i) => ({ key: 'k', value: `m${i}` }));
    await bus.publish('t', ten);

    const refused = await bus.publish('t', [{ key: 'k', value: 'one too many' }]).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BusOverloadedError);
    expect(refused).toMatchObject({ topic: 't', backlog: 10, retryAfterMs: 1000, retriable: true });
    expect(await bus.backlog('slow', 't')).toBe(10);

    release();
    await expect.poll(() => bus.backlog('slow', 't')).toBe(0);
    await bus.publish('t', [{ key: 'k', value: 'accepted again' }]);
    await expect.poll(() => seen.at(-1)).toBe('accepted again');
    expect(seen).toHaveLength(11);
    await bus.close();
  });

  it('keeps only the newest messages of a topic nobody reads, instead of growing without bound', async () => {
    const bus = new InProcessBus(quiet, { maxBacklog: 5, unreadRetention: 10 });
    for (let i = 0; i < 25; i++) await bus.publish('dead-letters', [{ key: 'k', value: `d${i}` }]);
    const offsets: string[] = [];
    await bus.subscribe({
      groupId: 'operator',
      topics: ['dead-letters'],
      fromBeginning: true,
      handleBatch: (batch) => {
        offsets.push(...batch.messages.map((m) => m.offset));
        return Promise.resolve();
      },
    });
    await expect.poll(() => offsets.length).toBe(10);
    expect(offsets[0]).toBe('15');
    expect(offsets.at(-1)).toBe('24');
    await bus.close();
  });
});
