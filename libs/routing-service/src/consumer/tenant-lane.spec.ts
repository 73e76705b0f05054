import { describe, expect, it } from 'vitest';
import { TenantLanes } from './tenant-lane';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('TenantLanes', () => {
  it('runs one tenant strictly in order, even when earlier work is slower', async () => {
    const lanes = new TenantLanes();
    const order: string[] = [];
    await Promise.all([
      lanes.run('t1', async () => {
        await tick(20);
        order.push('a');
      }),
      lanes.run('t1', () => {
        order.push('b');
        return Promise.resolve();
      }),
    ]);
    expect(order).toEqual(['a', 'b']);
  });

  it('lets other tenants proceed while one is busy', async () => {
    const lanes = new TenantLanes();
    const order: string[] = [];
    await Promise.all([
      lanes.run('slow', async () => {
        await tick(30);
        order.push('slow');
      }),
      lanes.run('fast', () => {
        order.push('fast');
        return Promise.resolve();
      }),
    ]);
    expect(order).toEqual(['fast', 'slow']);
  });

  it('keeps going after a failure and reports it to the caller only', async () => {
    const lanes = new TenantLanes();
    await expect(lanes.run('t', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lanes.run('t', () => Promise.resolve(42))).resolves.toBe(42);
    await lanes.idle();
  });
});
