import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionStore, type Session } from './session.store';

const NOW = Date.parse('2026-12-04T20:00:00.000Z');
const session = (token: string, expiresInMs: number): Session => ({
  token,
  expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  refreshToken: `refresh-${token}`,
  tenantId: 't',
  agentId: 'a',
  role: 'agent',
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('SessionStore', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    const stored = new Map<string, string>();
    vi.stubGlobal('sessionStorage', {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => stored.set(key, value),
      removeItem: (key: string) => stored.delete(key),
    });
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('refreshes a minute before the access token expires, with the refresh token it was given', async () => {
    fetchMock.mockResolvedValueOnce(json(200, session('first', 15 * 60_000)));
    const store = new SessionStore();
    await store.login('demo', 'a@demo.test', 'pw');
    fetchMock.mockResolvedValueOnce(json(200, session('second', 15 * 60_000)));

    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1000);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [url, init] = fetchMock.mock.calls[1];
    expect(url).toBe('/v1/auth/refresh');
    expect(JSON.parse(init?.body as string)).toEqual({ refreshToken: 'refresh-first' });
    expect(store.current?.token).toBe('second');
  });

  it('ends the session when the refresh is refused, and tells its listeners', async () => {
    fetchMock.mockResolvedValueOnce(json(200, session('first', 2 * 60_000)));
    const store = new SessionStore();
    const seen: Array<Session | null> = [];
    store.subscribe((s) => seen.push(s));
    await store.login('demo', 'a@demo.test', 'pw');
    fetchMock.mockResolvedValueOnce(json(401, { title: 'Unauthorized' }));

    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.current).toBeNull();
    expect(seen.map((s) => s?.token ?? null)).toEqual(['first', null]);
  });

  it('keeps the session and retries when the server cannot be reached', async () => {
    fetchMock.mockResolvedValueOnce(json(200, session('first', 2 * 60_000)));
    const store = new SessionStore();
    await store.login('demo', 'a@demo.test', 'pw');
    fetchMock.mockRejectedValueOnce(new TypeError('offline'));
    fetchMock.mockResolvedValueOnce(json(200, session('second', 15 * 60_000)));

    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.current?.token).toBe('first');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.current?.token).toBe('second');
  });
});
