// The port through which a gateway throttles socket.io handshakes before any namespace authenticates them:
// engine.io answers handshakes below Express, so the HTTP pre-authentication limit never sees them.
import type { IncomingMessage } from 'node:http';

export const SOCKET_HANDSHAKE_ADMISSION = Symbol('SOCKET_HANDSHAKE_ADMISSION');

export interface SocketHandshakeAdmission {
  /** Null admits the handshake; a string refuses it, and is the reason the client's connect_error carries. */
  refusal(req: IncomingMessage): Promise<string | null>;
}
