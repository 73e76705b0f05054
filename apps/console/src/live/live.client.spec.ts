import type { ConsoleEvent } from '@switchboard/contracts/console-event.schema';
import type { AgentSnapshot } from '@switchboard/contracts/console-snapshot.schema';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../api/api.client';
import type { SessionStore } from '../api/session.store';
import { ConsoleStore } from './console.store';
import { LiveClient, type SocketFactory } from './live.client';

const AT = '2026-12-04T20:00:00.000Z';
const snapshot = (headSeq: number): AgentSnapshot => ({
  role: 'agent',
  tenantId: 't',
  headSeq,
  agent: { agentId: 'me', name: 'Me', status: 'available', capacity: 2 },
  offers: [],
  conversations: [],
});
const offer = (seq: number): ConsoleEvent => ({
  type: 'offer.created',
  tenantId: 't',
  seq,
  at: AT,
  offerId: `o-${seq}`,
  conversationId: `c-${seq}`,
  agentId: 'me',
  channel: 'chat',
  expiresAt: AT,
  preview: `offer ${seq}`,
  reason: {},
});

/** A socket.io client stand-in: the test plays the server's side. */
class FakeSocket {
  connected = true;
  readonly commands: unknown[] = [];
  private readonly handlers = new Map<string, Array<(payload: unknown) => void>>();
  private readonly anyHandlers: Array<(name: string, payload: unknown) => void> = [];

  on(name: string, handler: (payload: unknown) => void): this {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
    return this;
  }
  onAny(handler: (name: string, payload: unknown) => void): this {
    this.anyHandlers.push(handler);
    return this;
  }
  timeout() {
    return {
      emit: (_name: string, body: unknown, ack: (error: Error | null, answer: unknown) => void) => {
        this.commands.push(body);
        ack(null, { ok: false, commandId: 'c-1', code: 'OFFER_NOT_LIVE', message: 'Already answered' });
      },
    };
  }
  disconnect(): this {
    this.connected = false;
    return this;
  }
  connect(): this {
    this.connected = true;
    return this;
  }
  serverSends(name: string, payload: unknown): void {
    for (const handler of this.handlers.get(name) ?? []) handler(payload);
    for (const handler of this.anyHandlers) handler(name, payload);
  }
}

describe('LiveClient', () => {
  let socket: FakeSocket;
  let handshake: () => unknown;
  let snapshots: AgentSnapshot[];
  let store: ConsoleStore;
  let client: LiveClient;

  beforeEach(async () => {
    vi.stubGlobal('window', { addEventListener: vi.fn(), removeEventListener: vi.fn() });
    vi.stubGlobal('navigator', { onLine: true });
    socket = new FakeSocket();
    snapshots = [snapshot(5)];
    const api = { get: vi.fn(() => Promise.resolve(snapshots.shift())) } as unknown as ApiClient;
    const session = { current: { token: 'tok' } } as unknown as SessionStore;
    const connect: SocketFactory = (_namespace, options) => {
      handshake = () => {
        let sent: unknown;
        (options.auth as (send: (auth: object) => void) => void)((auth) => (sent = auth));
        return sent;
      };
      return socket as unknown as Socket;
    };
    store = new ConsoleStore();
    client = new LiveClient('agent', session, api, store, connect);
    await client.start();
  });
  afterEach(() => {
    client.stop();
    vi.unstubAllGlobals();
  });

  const offers = () => store.getSnapshot().state.offers.map((o) => o.offerId);

  it('resumes from the snapshot, and applies a replay and the live events that overtook it in seq order', () => {
    expect(handshake()).toEqual({ token: 'tok', lastSeq: 5 });
    socket.serverSends('ready', { tenantId: 't', agentId: 'me', role: 'agent', headSeq: 7 });
    socket.serverSends('offer.created', offer(8));
    socket.serverSends('offer.created', offer(6));
    expect(offers()).toEqual([]);
    socket.serverSends('offer.created', offer(7));
    socket.serverSends('replayed', { fromSeq: 5, toSeq: 7, count: 2 });
    expect(offers()).toEqual(['o-6', 'o-7', 'o-8']);
    socket.serverSends('offer.created', offer(7));
    expect(offers()).toEqual(['o-6', 'o-7', 'o-8']);
    expect(store.getSnapshot().connection).toBe('live');
    expect(handshake()).toEqual({ token: 'tok', lastSeq: 8 });
  });

  it('on resync reloads the snapshot, then continues after its headSeq and says it resynced', async () => {
    snapshots.push(snapshot(20));
    socket.serverSends('ready', { tenantId: 't', agentId: 'me', role: 'agent', headSeq: 30 });
    socket.serverSends('resync', { reason: 'beyond-replay-window', headSeq: 30 });
    socket.serverSends('offer.created', offer(15));
    socket.serverSends('offer.created', offer(21));
    await vi.waitFor(() => expect(store.getSnapshot().connection).toBe('resynced'));
    expect(offers()).toEqual(['o-21']);
    expect(handshake()).toEqual({ token: 'tok', lastSeq: 21 });
  });

  it("answers a command with the router's outcome", async () => {
    const ack = await client.command({ type: 'offer.accept', offerId: 'o-1' });
    expect(socket.commands).toEqual([{ type: 'offer.accept', offerId: 'o-1' }]);
    expect(ack).toEqual({ ok: false, commandId: 'c-1', code: 'OFFER_NOT_LIVE', message: 'Already answered' });
  });

  it('refuses a command at once while disconnected, rather than queueing it', async () => {
    socket.serverSends('disconnect', 'transport close');
    socket.connected = false;
    expect(store.getSnapshot().connection).toBe('reconnecting');
    expect(await client.command({ type: 'offer.accept', offerId: 'o-1' })).toMatchObject({
      ok: false,
      code: 'OFFLINE',
    });
    expect(socket.commands).toEqual([]);
  });
});
