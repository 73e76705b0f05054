// A console stand-in: logs in over HTTP, connects to the agents namespace (or the supervisors'), records every
// event it is pushed. By default it asks for the routing-event stream; `auth` picks the console stream instead.
import { io, type Socket } from 'socket.io-client';

export interface ReceivedEvent {
  name: string;
  payload: Record<string, unknown>;
}

export class AgentClient {
  readonly events: ReceivedEvent[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: Socket) {
    socket.onAny((name: string, payload: Record<string, unknown>) => {
      this.events.push({ name, payload });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async login(baseUrl: string, tenant: string, email: string, password: string): Promise<string> {
    const response = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, email, password }),
    });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }

  static async connect(
    baseUrl: string,
    token: string,
    options: { namespace?: '/agents' | '/supervisors'; auth?: Record<string, unknown> } = {},
  ): Promise<AgentClient> {
    const socket = io(`${baseUrl}${options.namespace ?? '/agents'}`, {
      auth: { token, ...(options.auth ?? { stream: 'routing-events' }) },
      transports: ['websocket'],
      reconnection: false,
    });
    const client = new AgentClient(socket);
    const refused = new Promise<never>((_, reject) => socket.once('connect_error', (error) => reject(error)));
    try {
      await Promise.race([client.next('ready'), refused]);
    } catch (error) {
      socket.close();
      throw error;
    }
    return client;
  }

  /** Resolves with the first event of that name (already received or future) matching the predicate. */
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

  async command(body: Record<string, unknown>): Promise<{ ok: boolean; commandId?: string; code?: string }> {
    return (await this.socket.timeout(10_000).emitWithAck('command', body)) as {
      ok: boolean;
      commandId?: string;
      code?: string;
    };
  }

  close(): void {
    this.socket.close();
  }
}
