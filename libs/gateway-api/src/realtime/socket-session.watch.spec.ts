import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SESSION_ENDED_EVENT,
  SocketSessionWatch,
  type SessionEnded,
  type WatchableSocket,
} from './socket-session.watch';

class FakeSocket implements WatchableSocket {
  connected = true;
  readonly emitted: Array<{ event: string; payload: SessionEnded }> = [];
  private onDisconnect?: () => void;

  constructor(readonly id: string) {}

  emit(event: string, payload: SessionEnded): void {
    this.emitted.push({ event, payload });
  }

  disconnect(): void {
    this.connected = false;
    this.onDisconnect?.();
  }

  once(_event: 'disconnect', listener: () => void): void {
    this.onDisconnect = listener;
  }
}

function setup(live: Set<string>) {
  const queries: string[][] = [];
  const watch = new SocketSessionWatch({
    liveAmong: (ids) => {
      queries.push([...ids]);
      return Promise.resolve(new Set(ids.filter((id) => live.has(id))));
    },
    sweepIntervalMs: 1000,
    logger: pino({ level: 'silent' }),
  });
  return { watch, queries };
}

describe('SocketSessionWatch', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('ends a socket when its token expires, saying so first', () => {
    const { watch } = setup(new Set(['s1']));
    const socket = new FakeSocket('a');
    watch.watch(socket, 's1', new Date(5000));
    vi.advanceTimersByTime(4999);
    expect(socket.connected).toBe(true);
    vi.advanceTimersByTime(1);
    expect(socket.connected).toBe(false);
    expect(socket.emitted).toEqual([
      { event: SESSION_ENDED_EVENT, payload: expect.objectContaining({ code: 'TOKEN_EXPIRED' }) as unknown },
    ]);
    expect(watch.size).toBe(0);
  });

  it('ends the sockets of revoked sessions with one query for all of them', async () => {
    const live = new Set(['s1', 's2']);
    const { watch, queries } = setup(live);
    const sockets = [new FakeSocket('a'), new FakeSocket('b'), new FakeSocket('c')];
    watch.watch(sockets[0], 's1', new Date(60_000));
    watch.watch(sockets[1], 's1', new Date(60_000));
    watch.watch(sockets[2], 's2', new Date(60_000));
    live.delete('s1');
    await watch.sweep();
    expect(queries).toEqual([['s1', 's2']]);
    expect(sockets.map((s) => s.connected)).toEqual([false, false, true]);
    expect(sockets[0].emitted[0].payload.code).toBe('SESSION_REVOKED');
  });

  it('leaves alone a socket that connected while a sweep was asking about the others', async () => {
    let answer!: (live: Set<string>) => void;
    const watch = new SocketSessionWatch({
      liveAmong: () => new Promise((resolve) => (answer = resolve)),
      sweepIntervalMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    const early = new FakeSocket('a');
    const late = new FakeSocket('b');
    watch.watch(early, 's1', new Date(60_000));
    const sweep = watch.sweep();
    watch.watch(late, 's2', new Date(60_000));
    answer(new Set(['s1']));
    await sweep;
    expect([early.connected, late.connected]).toEqual([true, true]);
    expect(late.emitted).toEqual([]);
  });

  it('sweeps on its interval once started, and stops on destroy', async () => {
    const live = new Set(['s1']);
    const { watch, queries } = setup(live);
    const socket = new FakeSocket('a');
    watch.watch(socket, 's1', new Date(60_000));
    watch.onModuleInit();
    await vi.advanceTimersByTimeAsync(1000);
    expect(queries).toHaveLength(1);
    live.clear();
    await vi.advanceTimersByTimeAsync(1000);
    expect(socket.connected).toBe(false);
    watch.onModuleDestroy();
    await vi.advanceTimersByTimeAsync(5000);
    expect(queries).toHaveLength(2);
  });

  it('forgets a socket that disconnects by itself', async () => {
    const { watch, queries } = setup(new Set());
    const socket = new FakeSocket('a');
    watch.watch(socket, 's1', new Date(60_000));
    socket.disconnect();
    await watch.sweep();
    expect(queries).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(socket.emitted).toEqual([]);
  });

  it('ignores a socket that is already gone', async () => {
    const { watch, queries } = setup(new Set());
    const socket = new FakeSocket('a');
    socket.connected = false;
    watch.watch(socket, 's1', new Date(60_000));
    expect(watch.size).toBe(0);
    await watch.sweep();
    expect(queries).toEqual([]);
  });

  it('keeps sockets connected when the check itself fails', async () => {
    const watch = new SocketSessionWatch({
      liveAmong: () => Promise.reject(new Error('database down')),
      sweepIntervalMs: 1000,
      logger: pino({ level: 'silent' }),
    });
    const socket = new FakeSocket('a');
    watch.watch(socket, 's1', new Date(60_000));
    await watch.sweep();
    expect(socket.connected).toBe(true);
  });
});
