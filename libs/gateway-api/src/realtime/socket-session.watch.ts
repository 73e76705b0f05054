// Ends console sockets whose access token expires or whose session is revoked, telling the client why.
//
// Expiry is a timer per socket, set at the token's `exp`. Revocation is a periodic set-based sweep: every
// AUTH_SESSION_CACHE_MS the watch asks for the live subset of all sessions connected to this process, in one
// query (chunked at 5,000 ids), and ends the sockets of the others. Cost is one query per interval however
// many sockets there are, and revocations made by any process (another gateway, an admin's PATCH) are
// seen within one interval, the same bound the REST cache gives. An in-process notification would be
// quicker for local revocations but would miss the other processes', so it could only be an addition.
import type { Logger } from 'pino';

/** The client receives this event, then the server disconnects the socket. */
export const SESSION_ENDED_EVENT = 'session.ended';

export type SessionEndCode = 'TOKEN_EXPIRED' | 'SESSION_REVOKED';

export interface SessionEnded {
  code: SessionEndCode;
  message: string;
}

/** The part of a socket.io socket the watch uses. */
export interface WatchableSocket {
  readonly id: string;
  readonly connected: boolean;
  emit(event: string, payload: SessionEnded): unknown;
  disconnect(close: boolean): unknown;
  once(event: 'disconnect', listener: () => void): unknown;
}

export interface SocketSessionWatchOptions {
  liveAmong: (sessionIds: readonly string[]) => Promise<Set<string>>;
  sweepIntervalMs: number;
  logger: Logger;
  now?: () => number;
}

interface Watched {
  socket: WatchableSocket;
  sessionId: string;
  expiryTimer: NodeJS.Timeout;
}

const MESSAGES: Record<SessionEndCode, string> = {
  TOKEN_EXPIRED: 'The access token expired; refresh it and reconnect',
  SESSION_REVOKED: 'The session was ended (signed out, or the account changed); sign in again',
};

export class SocketSessionWatch {
  private readonly watched = new Map<string, Watched>();
  private sweepTimer?: NodeJS.Timeout;
  private sweeping = false;
  private readonly now: () => number;

  constructor(private readonly options: SocketSessionWatchOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Nest calls this on the provider; tests call it directly. */
  onModuleInit(): void {
    this.sweepTimer ??= setInterval(() => void this.sweep(), this.options.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
    for (const entry of this.watched.values()) clearTimeout(entry.expiryTimer);
    this.watched.clear();
  }

  watch(socket: WatchableSocket, sessionId: string, expiresAt: Date): void {
    // Gone between the handshake and here: its 'disconnect' already fired and would never clean up.
    if (!socket.connected) return;
    const expiryTimer = setTimeout(
      () => this.end(socket.id, 'TOKEN_EXPIRED'),
      Math.max(0, expiresAt.getTime() - this.now()),
    );
    expiryTimer.unref();
    this.watched.set(socket.id, { socket, sessionId, expiryTimer });
    socket.once('disconnect', () => this.forget(socket.id));
  }

  get size(): number {
    return this.watched.size;
  }

  /** One query for every session connected here; sockets of sessions no longer live are ended. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.watched.size === 0) return;
    this.sweeping = true;
    try {
      const asked = new Set([...this.watched.values()].map((entry) => entry.sessionId));
      const live = await this.options.liveAmong([...asked]);
      // Only sessions the query was asked about are judged: a socket that connected while it ran has a
      // session the answer says nothing about (its handshake just found it live).
      for (const [socketId, entry] of this.watched) {
        if (asked.has(entry.sessionId) && !live.has(entry.sessionId)) this.end(socketId, 'SESSION_REVOKED');
      }
    } catch (error) {
      // A database hiccup must not disconnect everyone; the next sweep tries again.
      this.options.logger.warn({ err: error }, 'socket session sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  private end(socketId: string, code: SessionEndCode): void {
    const entry = this.watched.get(socketId);
    if (!entry) return;
    this.forget(socketId);
    this.options.logger.info({ socketId, sessionId: entry.sessionId, code }, 'console socket session ended');
    entry.socket.emit(SESSION_ENDED_EVENT, { code, message: MESSAGES[code] });
    entry.socket.disconnect(true);
  }

  private forget(socketId: string): void {
    const entry = this.watched.get(socketId);
    if (!entry) return;
    clearTimeout(entry.expiryTimer);
    this.watched.delete(socketId);
  }
}
