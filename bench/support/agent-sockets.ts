// The channel benchmark's agents: every seeded agent logs in over REST and holds a socket on `/agents`, and the
// arrival of each `offer.created` push is noted by conversation, for the ack -> offer-pushed latency.
import { io, type Socket } from 'socket.io-client';
import type { ChannelTenant } from './channel-seed';

export class AgentSockets {
  /** performance.now() at which the first offer for a conversation reached an agent's socket. */
  readonly offerPushedAt = new Map<string, number>();
  pushes = 0;
  private readonly sockets: Socket[] = [];

  async connect(baseUrl: string, tenants: readonly ChannelTenant[], password: string): Promise<void> {
    for (const tenant of tenants) {
      for (const email of tenant.agentEmails) {
        const token = await login(baseUrl, tenant.slug, email, password);
        this.sockets.push(await this.open(baseUrl, token));
      }
    }
  }

  get connected(): number {
    return this.sockets.length;
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }

  private async open(baseUrl: string, token: string): Promise<Socket> {
    const socket = io(`${baseUrl}/agents`, {
      auth: { token, stream: 'routing-events' },
      transports: ['websocket'],
      reconnection: false,
    });
    socket.on('offer.created', (payload: { conversationId?: string }) => {
      const now = performance.now();
      this.pushes++;
      if (payload.conversationId && !this.offerPushedAt.has(payload.conversationId))
        this.offerPushedAt.set(payload.conversationId, now);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }
}

async function login(baseUrl: string, tenant: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, email, password }),
  });
  if (response.status !== 200)
    throw new Error(`agent login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
