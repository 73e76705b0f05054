// socket.io server options that hold for every namespace: the same origin rule as REST (a handshake from
// a foreign browser origin is refused before any session exists) and a cap on the size of a message.
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { AppConfig } from '@switchboard/config';
import type { Server, ServerOptions } from 'socket.io';
import { isOriginAllowed } from '../http/origin-policy';

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
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    // Sites embedding the chat widget pass here too; each namespace then applies its own rule (the agents'
    // namespace refuses them, the visitors' namespace accepts only them and the console's origins).
    const allowList = [...this.config.corsOrigins, ...this.config.chat.origins];
    const limited: Partial<ServerOptions> = {
      ...options,
      maxHttpBufferSize: socketTransportBytes(this.config.sockets.maxMessageBytes),
      ...(allowList.length > 0 ? { cors: { origin: [...allowList], credentials: true } } : {}),
      allowRequest: (req, callback) => {
        const allowed = isOriginAllowed({ origin: req.headers.origin, host: req.headers.host }, allowList);
        callback(allowed ? null : 'ORIGIN_NOT_ALLOWED: this origin may not open sockets', allowed);
      },
    };
    return super.createIOServer(port, limited) as Server;
  }
}
