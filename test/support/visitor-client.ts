// A web-chat widget stand-in: gets a visitor session over HTTP, connects to the visitors' namespace, records
// every event it is pushed.
import { io, type Socket } from 'socket.io-client';

export interface VisitorSession {
  token: string;
  visitorId: string;
  inboxId: string;
  expiresAt: string;
  resumed: boolean;
}

export type VisitorAck = { ok: boolean; code?: string; message?: string; channelMessageId?: string };

export class VisitorClient {
  readonly events: Array<{ name: string; payload: Record<string, unknown> }> = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((name: string, payload: Record<string, unknown>) => {
      this.events.push({ name, payload });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async session(baseUrl: string, inboxId: string, token?: string): Promise<VisitorSession> {
    const response = await fetch(`${baseUrl}/v1/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inboxId, ...(token ? { token } : {}) }),
    });
    if (response.status !== 201)
      throw new Error(`session refused: ${response.status} ${await response.text()}`);
    return (await response.json()) as VisitorSession;
  }

  /** Connects (resuming after `lastSeq` when given); rejects with the handshake's connect_error. */
  static async connect(
    baseUrl: string,
    token: string,
    origin?: string,
    lastSeq?: number,
  ): Promise<VisitorClient> {
    const socket = io(`${baseUrl}/visitors`, {
      auth: lastSeq === undefined ? { token } : { token, lastSeq },
      transports: ['websocket'],
      reconnection: false,
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
    const client = new VisitorClient(socket);
    const refused = new Promise<never>((_, reject) => socket.once('connect_error', (error) => reject(error)));
    try {
      await Promise.race([client.next('ready'), refused]);
    } catch (error) {
      socket.close();
      throw error;
    }
    return client;
  }

  async next(
    name: string,
    match: (payload: Record<string, unknown>) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find((e) => e.name === name && match(e.payload));
      if (found) return found.payload;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `no ${name} event within ${timeoutMs} ms; got ${this.events.map((e) => e.name).join(', ')}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The widget's resume cursor: the highest routing-event seq pushed so far (the `ready` one included). */
  lastSeq(): number {
    return Math.max(0, ...this.events.map((e) => (typeof e.payload.seq === 'number' ? e.payload.seq : 0)));
  }

  /** The names of the events received, with the body of each reply, in arrival order. */
  received(): string[] {
    return this.events.map((e) => (e.name === 'reply' ? `reply:${String(e.payload.body)}` : e.name));
  }

  async emit(event: string, body: Record<string, unknown>): Promise<VisitorAck> {
    return (await this.socket.timeout(10_000).emitWithAck(event, body)) as VisitorAck;
  }

  say(clientMessageId: string, body: string): Promise<VisitorAck> {
    return this.emit('message', { clientMessageId, body });
  }

  close(): void {
    this.socket.close();
  }
}
