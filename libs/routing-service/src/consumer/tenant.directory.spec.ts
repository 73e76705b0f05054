import type { PrismaClient } from '@switchboard/persistence';
import { describe, expect, it } from 'vitest';
import { TenantDirectory } from './tenant.directory';

function fakePrisma(
  state: { tenants: string[]; queues: Array<{ id: string; name: string }> },
  calls: string[],
) {
  return {
    tenant: {
      count: ({ where }: { where: { id: string } }) => {
        calls.push('tenant');
        return Promise.resolve(state.tenants.includes(where.id) ? 1 : 0);
      },
    },
    queue: {
      findMany: () => {
        calls.push('queue');
        return Promise.resolve(state.queues);
      },
    },
  } as unknown as PrismaClient;
}

describe('TenantDirectory', () => {
  it('caches a known tenant but re-checks an unknown one, so a new tenant is accepted at once', async () => {
    const state = { tenants: ['t1'], queues: [] };
    const calls: string[] = [];
    const directory = new TenantDirectory(fakePrisma(state, calls));
    expect(await directory.exists('t1')).toBe(true);
    expect(await directory.exists('t1')).toBe(true);
    expect(await directory.exists('t2')).toBe(false);
    state.tenants.push('t2');
    expect(await directory.exists('t2')).toBe(true);
    expect(calls).toEqual(['tenant', 'tenant', 'tenant']);
  });

  it('re-reads queues when a record names one the cache has not seen', async () => {
    const state = { tenants: [], queues: [{ id: 'q1', name: 'billing' }] };
    const calls: string[] = [];
    const directory = new TenantDirectory(fakePrisma(state, calls));
    expect((await directory.queueIds('t', ['billing'])).get('billing')).toBe('q1');
    expect((await directory.queueIds('t', ['billing'])).get('billing')).toBe('q1');
    state.queues.push({ id: 'q2', name: 'vip' });
    expect((await directory.queueIds('t', ['vip'])).get('vip')).toBe('q2');
    expect(calls).toEqual(['queue', 'queue']);
  });

  it('expires cached hits after the TTL', async () => {
    let now = 0;
    const calls: string[] = [];
    const directory = new TenantDirectory(fakePrisma({ tenants: ['t1'], queues: [] }, calls), () => now);
    await directory.exists('t1');
    now = 31_000;
    await directory.exists('t1');
    expect(calls).toEqual(['tenant', 'tenant']);
  });

  it('forgets a tenant’s queue names after an admin change, so a deleted queue is not routed to by its old id', async () => {
    const state = { tenants: [], queues: [{ id: 'q1', name: 'billing' }] };
    const directory = new TenantDirectory(fakePrisma(state, []));
    expect((await directory.queueIds('t', ['billing'])).has('billing')).toBe(true);
    state.queues = [];
    expect((await directory.queueIds('t', ['billing'])).has('billing')).toBe(true);
    directory.forgetQueues('t');
    expect((await directory.queueIds('t', ['billing'])).has('billing')).toBe(false);
  });
});
