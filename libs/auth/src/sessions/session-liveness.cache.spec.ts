import { describe, expect, it } from 'vitest';
import { SessionLivenessCache } from './session-liveness.cache';

function setup(live: Set<string>, ttlMs = 1000, maxEntries = 100) {
  let clock = 0;
  const loads: string[][] = [];
  const cache = new SessionLivenessCache({
    ttlMs,
    maxEntries,
    now: () => clock,
    loadLive: (ids) => {
      loads.push(ids);
      return Promise.resolve(new Set(ids.filter((id) => live.has(id))));
    },
  });
  return { cache, loads, advance: (ms: number) => (clock += ms) };
}

describe('SessionLivenessCache', () => {
  it('answers from memory inside the window and asks again after it', async () => {
    const live = new Set(['s1']);
    const { cache, loads, advance } = setup(live);
    expect(await cache.isLive('s1')).toBe(true);
    live.delete('s1');
    advance(999);
    expect(await cache.isLive('s1')).toBe(true);
    advance(1);
    expect(await cache.isLive('s1')).toBe(false);
    expect(loads).toEqual([['s1'], ['s1']]);
  });

  it('shares one load between concurrent misses', async () => {
    const { cache, loads } = setup(new Set(['s1']));
    const answers = await Promise.all([cache.isLive('s1'), cache.isLive('s1'), cache.isLive('s1')]);
    expect(answers).toEqual([true, true, true]);
    expect(loads).toHaveLength(1);
  });

  it('applies a local revocation at once', async () => {
    const { cache, loads } = setup(new Set(['s1']));
    expect(await cache.isLive('s1')).toBe(true);
    cache.markRevoked('s1');
    expect(await cache.isLive('s1')).toBe(false);
    expect(loads).toHaveLength(1);
  });

  it('always asks when the window is zero', async () => {
    const { cache, loads } = setup(new Set(['s1']), 0);
    await cache.isLive('s1');
    await cache.isLive('s1');
    expect(loads).toHaveLength(2);
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const { cache, loads } = setup(new Set(['a', 'b', 'c']), 10_000, 2);
    await cache.isLive('a');
    await cache.isLive('b');
    await cache.isLive('c');
    await cache.isLive('c');
    await cache.isLive('a');
    expect(loads.map((ids) => ids[0])).toEqual(['a', 'b', 'c', 'a']);
  });
});
