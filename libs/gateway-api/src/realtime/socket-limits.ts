// Limits on the agents' and the visitors' sockets: connections per user or visitor (refused in the handshake
// with a reason), events per connection and per user, and message size. A refused event is answered, never silently dropped: its ack
// (when it has one) gets { ok: false, code, message } and the socket gets a `limit.exceeded` event.
import { Inject, Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { ErrorCode } from '@switchboard/contracts';
import type { Namespace, Socket } from 'socket.io';
import { RateLimiter, type RateLimitRule } from '../limits/rate-limiter';

export const SocketLimitCode = {
  RateLimited: ErrorCode.RateLimited,
  MessageTooLarge: 'MESSAGE_TOO_LARGE',
  TooManyConnections: 'TOO_MANY_CONNECTIONS',
} as const;
export type SocketLimitCode = (typeof SocketLimitCode)[keyof typeof SocketLimitCode];

export interface LimitExceeded {
  code: SocketLimitCode;
  message: string;
  /** The event that was refused. */
  event: string;
  retryAfterMs?: number;
}

export const LIMIT_EXCEEDED_EVENT = 'limit.exceeded';

type HandshakeError = Error & { data: { code: SocketLimitCode } };

@Injectable()
export class SocketLimits {
  private readonly connections: ConnectionTally;
  private readonly perConnection: RateLimitRule;
  private readonly perUser: RateLimitRule;
  private readonly maxMessageBytes: number;

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { rateLimits, sockets } = config;
    this.connections = new ConnectionTally(sockets.maxConnectionsPerUser);
    this.perConnection = { name: 'socket', limit: rateLimits.socketEventsPerSecond, windowMs: 1_000 };
    this.perUser = { name: 'socket-user', limit: rateLimits.socketUserEventsPerSecond, windowMs: 1_000 };
    this.maxMessageBytes = sockets.maxMessageBytes;
  }

  /** Installs the limits on a namespace. Call it after the authentication middleware. */
  attach(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const user = userKey(socket);
      if (this.connections.count(user) < this.connections.max) return next();
      const error = new Error(
        `TOO_MANY_CONNECTIONS: this user already has ${this.connections.max} open connections`,
      ) as HandshakeError;
      error.data = { code: SocketLimitCode.TooManyConnections };
      next(error);
    });
    // Counted on connection and disconnection only, so a handshake that never completes cannot leak a slot.
    namespace.on('connection', (socket: Socket) => {
      const user = userKey(socket);
      this.connections.add(user);
      socket.once('disconnect', () => this.connections.remove(user));
      socket.use((packet, next) => {
        this.screen(socket, user, packet).then(
          (refusal) => (refusal ? answer(socket, packet, refusal) : next()),
          (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
        );
      });
    });
  }

  private async screen(socket: Socket, user: string, packet: unknown[]): Promise<LimitExceeded | null> {
    const event = String(packet[0]);
    for (const [rule, key] of [
      [this.perConnection, socket.id],
      [this.perUser, user],
    ] as const) {
      const verdict = await this.limiter.hit(rule, key);
      if (!verdict.allowed) {
        const scope = rule === this.perUser ? 'this user' : 'this connection';
        const message = `Over the limit of ${rule.limit} socket events per second for ${scope}`;
        return { code: SocketLimitCode.RateLimited, message, event, retryAfterMs: verdict.retryAfterMs };
      }
    }
    const bytes = messageBytes(packet);
    if (bytes > this.maxMessageBytes) {
      const message = `The message is ${bytes} bytes; the limit is ${this.maxMessageBytes}`;
      return { code: SocketLimitCode.MessageTooLarge, message, event };
    }
    return null;
  }
}

/** Open connections per user on this gateway. */
export class ConnectionTally {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  count(user: string): number {
    return this.open.get(user) ?? 0;
  }

  add(user: string): void {
    this.open.set(user, this.count(user) + 1);
  }

  remove(user: string): void {
    const left = this.count(user) - 1;
    if (left > 0) this.open.set(user, left);
    else this.open.delete(user);
  }
}

/** The JSON size of an event's arguments (its ack callback excluded). */
export function messageBytes(packet: readonly unknown[]): number {
  const args = packet.slice(1).filter((arg) => typeof arg !== 'function');
  return Buffer.byteLength(JSON.stringify(args) ?? '');
}

function answer(socket: Socket, packet: unknown[], refusal: LimitExceeded): void {
  const ack = packet[packet.length - 1];
  if (typeof ack === 'function') {
    const { code, message, retryAfterMs } = refusal;
    (ack as (response: unknown) => void)({
      ok: false,
      code,
      message,
      ...(retryAfterMs ? { retryAfterMs } : {}),
    });
  }
  socket.emit(LIMIT_EXCEEDED_EVENT, refusal);
}

function userKey(socket: Socket): string {
  const data = socket.data as { principal?: UserPrincipal; limitKey?: string };
  // Visitors (web chat) have no principal; their namespace sets a key of their own.
  if (data.limitKey) return data.limitKey;
  return data.principal ? `${data.principal.tenantId}:${data.principal.userId}` : `socket:${socket.id}`;
}
