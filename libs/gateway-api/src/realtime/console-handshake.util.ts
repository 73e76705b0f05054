// Reads the console's part of a socket handshake `auth` (the token is the authentication middleware's): its
// cursor, and on /agents which stream it wants. A bad cursor refuses the handshake with a message naming it.
import { ConsoleHandshakeSchema } from '@switchboard/contracts';
import type { Socket } from 'socket.io';
import { HandshakeRefused } from './socket-handshake.auth';

export interface ConsoleHandshakeOptions {
  lastSeq?: number;
  /**
   * 'console' (the default): console events with the resumable-stream frames. 'routing-events': the routing
   * events themselves, as /agents pushed them before the console stream (integrations, tests, benchmarks).
   */
  stream: 'console' | 'routing-events';
}

export function consoleHandshakeOptions(socket: Socket): ConsoleHandshakeOptions {
  const auth = (socket.handshake.auth ?? {}) as { lastSeq?: unknown; stream?: unknown };
  const stream = auth.stream ?? 'console';
  if (stream !== 'console' && stream !== 'routing-events')
    throw new HandshakeRefused("VALIDATION_FAILED: stream must be 'console' or 'routing-events'");
  if (auth.lastSeq === undefined || auth.lastSeq === null) return { stream };
  const lastSeq = ConsoleHandshakeSchema.shape.lastSeq.safeParse(auth.lastSeq);
  if (!lastSeq.success || lastSeq.data === undefined)
    throw new HandshakeRefused('VALIDATION_FAILED: lastSeq must be a non-negative integer');
  return { stream, lastSeq: lastSeq.data };
}
