// socket.io server options that hold for every namespace: the same origin rule as REST (a handshake from
// a foreign browser origin is refused before any session exists), a cap on the size of a message, and a root
// namespace that admits no one.
import type { INestApplicationContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { AppConfig } from '@switchboard/config';
import type { Server, ServerOptions } from 'socket.io';
import type { EmbeddingOrigins } from '../http/embedding-origins';
import { isOriginAllowed } from '../http/origin-policy';
import type { SocketHandshakeAdmission } from './socket-handshake-admission';

/**
 * The transport buffer: messages up to SOCKET_MAX_MESSAGE_BYTES get an answer from the gateway, bigger ones
 * (up to this) are refused with an error event, and beyond it the transport closes the connection.
 */
export function socketTransportBytes(maxMessageBytes: number): number {
  return maxMessageBytes * 4;
}

export class SwitchboardIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly embedding: EmbeddingOrigins,
    /** Gateways throttle handshakes per client address; a process without sockets has none. */
    private readonly admission?: SocketHandshakeAdmission,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // Sites embedding the chat widget pass here too; each namespace then applies its own rule (the agents'
    // namespace refuses them, the visitors' namespace holds each to its inbox's origins).
    const allowList = [...this.config.corsOrigins, ...this.config.chat.origins];
    // Configured origins first; an origin only a chat inbox lists is looked up (EmbeddingOrigins).
    const isAllowed = (origin: string | undefined, host: string | undefined): Promise<boolean> =>
      isOriginAllowed({ origin, host }, allowList) ? Promise.resolve(true) : this.embedding.isListed(origin);
    const limited: Partial<ServerOptions> = {
      ...options,
      maxHttpBufferSize: socketTransportBytes(this.config.sockets.maxMessageBytes),
      // Heartbeats find dropped connections, which agent presence depends on (ADR 0027).
      pingInterval: this.config.sockets.pingIntervalMs,
      pingTimeout: this.config.sockets.pingTimeoutMs,
      cors: {
        origin: (origin, callback) => {
          if (!origin) return callback(null, false);
          void isAllowed(origin, undefined).then((allowed) => callback(null, allowed ? origin : false));
        },
        credentials: true,
      },
      allowRequest: (req, callback) => {
        void this.refusal(req, isAllowed).then(
          (refusal) => callback(refusal, refusal === null),
          () => callback('UNAVAILABLE: retry', false),
        );
      },
    };
    const server = super.createIOServer(port, limited) as Server;
    // Every gateway has a namespace of its own; the root one serves nothing, so it admits no one (deny by
    // default: an open root namespace would hold anonymous connections that no limit counts).
    server.of('/').use((_socket, next) => {
      next(new Error('NAMESPACE_NOT_SERVED: connect to /agents, /supervisors or /visitors'));
    });
    return server;
  }

  /** The throttle first, so a flood is refused before any origin lookup. */
  private async refusal(
    req: IncomingMessage,
    isAllowed: (origin: string | undefined, host: string | undefined) => Promise<boolean>,
  ): Promise<string | null> {
    const limited = (await this.admission?.refusal(req)) ?? null;
    if (limited !== null) return limited;
    const allowed = await isAllowed(req.headers.origin, req.headers.host);
    return allowed ? null : 'ORIGIN_NOT_ALLOWED: this origin may not open sockets';
  }
}
