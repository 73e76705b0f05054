import type { ConsumedMessage } from '@switchboard/messaging';
import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { TenantItem } from '../tenant-routing.service';
import { TenantBatchRunner, type RunnerItem } from './tenant-batch.runner';

const refused = Object.assign(new Error('invalid byte sequence'), { code: '22021' });
const timedOut = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

function items(count: number): RunnerItem[] {
  return Array.from({ length: count }, (_, i) => ({
    item: { kind: 'inbound', record: { channelMessageId: `m${i}` } } as unknown as TenantItem,
    message: { offset: String(i) } as ConsumedMessage,
  }));
}

const idOf = (item: TenantItem): string => (item.record as { channelMessageId: string }).channelMessageId;

/** A fake router: commits a chunk unless `fail` says otherwise, recording what committed. */
function harness(fail: (chunk: readonly TenantItem[]) => Error | undefined, maxRecords = 500) {
  const committed: string[] = [];
  const chunkSizes: number[] = [];
  const deadLettered: string[] = [];
  const runner = new TenantBatchRunner({
    maxRecords,
    logger: pino({ level: 'silent' }),
    routing: {
      runChunk: (_tenant, chunk) => {
        chunkSizes.push(chunk.length);
        const error = fail(chunk);
        if (error) return Promise.reject(error);
        committed.push(...chunk.map(idOf));
        return Promise.resolve();
      },
    },
    deadLetter: (message) => {
      deadLettered.push(`m${message.offset}`);
      return Promise.resolve();
    },
  });
  const run = (batch: RunnerItem[]) => runner.run('t1', batch, new Map(), () => Promise.resolve());
  return { run, committed, chunkSizes, deadLettered };
}

describe('tenant batch runner', () => {
  it('writes a backlog in chunks no bigger than the bound', async () => {
    const h = harness(() => undefined, 200);
    await h.run(items(450));
    expect(h.chunkSizes).toEqual([200, 200, 50]);
    expect(h.committed).toHaveLength(450);
  });

  it('retries a chunk that ran past its time bound at half the size, so the backlog drains', async () => {
    const h = harness((chunk) => (chunk.length > 100 ? timedOut : undefined), 400);
    await h.run(items(400));
    expect(h.committed).toHaveLength(400);
    expect(h.chunkSizes.filter((s) => s <= 100).every((s) => s === 100)).toBe(true);
  });

  it('property: dead-letters exactly the records the database refuses and commits every other one, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.uniqueArray(fc.nat({ max: 119 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 64 }),
        async (count, poisonAt, maxRecords) => {
          const poison = new Set(poisonAt.filter((i) => i < count).map((i) => `m${i}`));
          const h = harness(
            (chunk) => (chunk.some((c) => poison.has(idOf(c))) ? refused : undefined),
            maxRecords,
          );
          await h.run(items(count));
          expect(new Set(h.deadLettered)).toEqual(poison);
          const expected = items(count)
            .map((c) => idOf(c.item))
            .filter((id) => !poison.has(id));
          expect(h.committed).toEqual(expected);
        },
      ),
    );
  });

  it('passes infrastructure failures up for a retry of the whole batch, dead-lettering nothing', async () => {
    const h = harness(() => down);
    await expect(h.run(items(3))).rejects.toBe(down);
    expect(h.deadLettered).toEqual([]);
  });
});
