// The live stream: loads the snapshot, connects to /agents or /supervisors with `auth: {token, lastSeq}`,
// folds events through the cursor into the store, reloads the snapshot on `resync`, and sends commands
// with an ack. Going offline (the browser says so) drops the socket; coming back resumes from the cursor.
import {
  CommandAckSchema,
  ConsoleEventSchema,
  ConsoleReadySchema,
  type CommandAck,
  type ConsoleEvent,
} from '@switchboard/contracts/console-event.schema';
import { ConsoleSnapshotSchema, type ConsoleSnapshot } from '@switchboard/contracts/console-snapshot.schema';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { ApiError, type ApiClient } from '../api/api.client';
import type { SessionStore } from '../api/session.store';
import type { ConsoleStore } from './console.store';
import { EventCursor } from './event-cursor';

export type ConsoleView = 'agent' | 'supervisor';
/** How the client opens its socket: socket.io's `io`, or a stand-in in unit tests. */
export type SocketFactory = (namespace: string, options: Partial<ManagerOptions & SocketOptions>) => Socket;

/** Commands wait this long for the router's outcome before the console says it is unknown. */
const COMMAND_TIMEOUT_MS = 15_000;
/** If a replay's closing frame never comes, release what arrived rather than hold the stream forever. */
const REPLAY_GRACE_MS = 10_000;
const RESYNCED_BADGE_MS = 5_000;

export class LiveClient {
  private socket: Socket | undefined;
  private cursor = new EventCursor<ConsoleEvent>(0);
  /** Without a snapshot there is no position to resume from: the first `ready` says where the stream starts. */
  private awaitingHead = false;
  private replayTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onOffline = () => this.goOffline();
  private readonly onOnline = () => this.socket?.connect();

  constructor(
    private readonly view: ConsoleView,
    private readonly session: SessionStore,
    private readonly api: ApiClient,
    private readonly store: ConsoleStore,
    private readonly connect: SocketFactory = io,
  ) {}

  async start(): Promise<void> {
    const snapshot = await this.loadSnapshot();
    this.cursor = new EventCursor<ConsoleEvent>(snapshot?.headSeq ?? 0);
    this.awaitingHead = snapshot === null;
    const socket = this.connect(this.view === 'agent' ? '/agents' : '/supervisors', {
      transports: ['websocket'],
      // A function, so every reconnect sends the current token and the last seq applied.
      auth: (send) =>
        send({
          token: this.session.current?.token ?? '',
          ...(this.awaitingHead ? {} : { lastSeq: this.cursor.lastSeq }),
        }),
    });
    this.socket = socket;
    socket.on('ready', (frame: unknown) => this.onReady(frame));
    socket.on('replayed', () => this.release(this.cursor.replayed()));
    socket.on('resync', () => void this.resync());
    socket.on('disconnect', (reason) => {
      this.store.setConnection(navigator.onLine ? 'reconnecting' : 'offline');
      // The server ends sockets whose token expired (or session ended) and socket.io does not retry those:
      // refresh the session (a 401 there signs out) and reconnect with the new token.
      if (reason === 'io server disconnect')
        void this.session.refresh().then(() => this.session.current && this.socket?.connect());
    });
    socket.on('connect_error', () => this.store.setConnection(navigator.onLine ? 'reconnecting' : 'offline'));
    socket.onAny((name: string, payload: unknown) => this.onEvent(name, payload));
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
  }

  stop(): void {
    clearTimeout(this.replayTimer);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    this.socket?.disconnect();
    this.socket = undefined;
  }

  /** Sends a command; the ack is the router's outcome, or why the command never got there. */
  command(body: Record<string, unknown>): Promise<CommandAck> {
    const socket = this.socket;
    if (!socket?.connected)
      return Promise.resolve({ ok: false, code: 'OFFLINE', message: 'Not connected; try again shortly' });
    return new Promise((resolve) => {
      socket.timeout(COMMAND_TIMEOUT_MS).emit('command', body, (error: Error | null, ack: unknown) => {
        if (error) {
          resolve({ ok: false, code: 'OUTCOME_UNKNOWN', message: 'No answer in time; it may still apply' });
          return;
        }
        const parsed = CommandAckSchema.safeParse(ack);
        resolve(
          parsed.success
            ? parsed.data
            : { ok: false, code: 'BAD_ACK', message: 'Unexpected answer from server' },
        );
      });
    });
  }

  private onReady(frame: unknown): void {
    const ready = ConsoleReadySchema.safeParse(frame);
    const wasReconnecting = this.store.getSnapshot().connection !== 'connecting';
    const headSeq = ready.success ? ready.data.headSeq : this.cursor.lastSeq;
    if (this.awaitingHead) {
      this.awaitingHead = false;
      this.release(this.cursor.snapshotLoaded(headSeq));
    } else this.release(this.cursor.ready(headSeq));
    if (this.cursor.isHolding) {
      clearTimeout(this.replayTimer);
      this.replayTimer = setTimeout(() => this.release(this.cursor.replayed()), REPLAY_GRACE_MS);
    }
    if (!wasReconnecting || this.store.getSnapshot().connection !== 'resynced')
      this.store.setConnection('live');
  }

  private onEvent(name: string, payload: unknown): void {
    if (typeof payload !== 'object' || payload === null || (payload as { type?: unknown }).type !== name)
      return;
    const parsed = ConsoleEventSchema.safeParse(payload);
    if (parsed.success) this.release(this.cursor.offer(parsed.data));
  }

  private release(events: ConsoleEvent[]): void {
    if (!this.cursor.isHolding) clearTimeout(this.replayTimer);
    for (const event of events) this.store.dispatch({ kind: 'event', event });
  }

  private async resync(): Promise<void> {
    this.cursor.resync();
    const snapshot = await this.loadSnapshot();
    this.release(this.cursor.snapshotLoaded(snapshot?.headSeq ?? this.cursor.lastSeq));
    this.store.setConnection('resynced');
    setTimeout(() => {
      if (this.store.getSnapshot().connection === 'resynced') this.store.setConnection('live');
    }, RESYNCED_BADGE_MS);
  }

  /**
   * The console's starting state. A server without the snapshot endpoint (404) gets an empty one: the console
   * then starts from the live head and fills in from events, which is less, but live.
   */
  private async loadSnapshot(): Promise<ConsoleSnapshot | null> {
    const query = this.view === 'agent' ? '?view=agent' : '?view=supervisor';
    const body = await this.api.get(`/v1/console/snapshot${query}`).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
    const snapshot = body === null ? null : ConsoleSnapshotSchema.parse(body);
    this.store.dispatch({ kind: 'snapshot', snapshot: snapshot ?? this.emptySnapshot() });
    return snapshot;
  }

  private emptySnapshot(): ConsoleSnapshot {
    const { tenantId = '', agentId = null } = this.session.current ?? {};
    if (this.view === 'supervisor' || !agentId)
      return { role: 'supervisor', tenantId, headSeq: 0, queues: [], agents: [], breaches: [] };
    const agent = { agentId, name: '', status: 'offline' as const, capacity: 0 };
    return { role: 'agent', tenantId, headSeq: 0, agent, offers: [], conversations: [] };
  }

  private goOffline(): void {
    this.store.setConnection('offline');
    this.socket?.disconnect();
  }
}
