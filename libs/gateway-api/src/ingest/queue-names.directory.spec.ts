import type { PrismaClient } from '@switchboard/persistence';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueNamesDirectory } from './queue-names.directory';

function fakePrisma(queues: Array<{ tenantId: string; name: string }>, calls: string[]): PrismaClient {
  return {
    queue: {
      count: ({ where }: { where: { tenantId: string; name: string } }) => {
        calls.push(`${where.tenantId}/${where.name}`);
        return Promise.resolve(
          queues.filter((q) => q.tenantId === where.tenantId && q.name === where.name).length,
        );
      },
    },
  } as unknown as PrismaClient;
}

describe('QueueNamesDirectory', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it("caches a tenant's existing queue, so repeated names cost one lookup", async () => {
    const calls: string[] = [];
    const directory = new QueueNamesDirectory(fakePrisma([{ tenantId: 't1', name: 'billing' }], calls));
    expect(await directory.has('t1', 'billing')).toBe(true);
    expect(await directory.has('t1', 'billing')).toBe(true);
    expect(calls).toEqual(['t1/billing']);
  });

  it('never caches a miss, so a queue created a moment later is usable at once', async () => {
    const queues: Array<{ tenantId: string; name: string }> = [];
    const calls: string[] = [];
    const directory = new QueueNamesDirectory(fakePrisma(queues, calls));
    expect(await directory.has('t1', 'vip')).toBe(false);
    queues.push({ tenantId: 't1', name: 'vip' });
    expect(await directory.has('t1', 'vip')).toBe(true);
    expect(calls).toEqual(['t1/vip', 't1/vip']);
  });

  it("keeps tenants apart: another tenant's queue of the same name is not a hit", async () => {
    const calls: string[] = [];
    const directory = new QueueNamesDirectory(fakePrisma([{ tenantId: 't1', name: 'billing' }], calls));
    expect(await directory.has('t1', 'billing')).toBe(true);
    expect(await directory.has('t2', 'billing')).toBe(false);
  });

  it('re-checks a cached hit after the TTL, so a deleted queue stops being accepted', async () => {
    const queues = [{ tenantId: 't1', name: 'billing' }];
    const calls: string[] = [];
    const directory = new QueueNamesDirectory(fakePrisma(queues, calls));
    expect(await directory.has('t1', 'billing')).toBe(true);
    queues.length = 0;
    vi.setSystemTime(29_999);
    expect(await directory.has('t1', 'billing')).toBe(true);
    vi.setSystemTime(30_000);
    expect(await directory.has('t1', 'billing')).toBe(false);
    expect(calls).toHaveLength(2);
  });
});
