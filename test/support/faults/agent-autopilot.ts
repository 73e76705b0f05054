// An agent console on autopilot, for throughput under faults: it goes available, accepts every offer it is
// pushed, resolves each assignment shortly after (so capacity frees up), and retries a command the gateway
// could not queue (the bus may be down). It records every offer id it was pushed, for the delivery audit.
import { AgentClient } from '../agent-client';

export interface AutopilotOptions {
  /** How long an assignment is worked before it is resolved; null keeps it open (capacity stays taken). */
  resolveAfterMs?: number | null;
  /** Accept offers automatically (default true). */
  accept?: boolean;
  /** Send `status.set available` on start and wait for the router to apply it (default true). Without it,
   * the agent's stored status counts (a test may set it in the database while no router runs). */
  goAvailable?: boolean;
}

export class AgentAutopilot {
  /** Offer id -> how many times it was pushed to this socket. */
  readonly offers = new Map<string, number>();
  readonly assignments = new Set<string>();
  commandRetries = 0;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    readonly client: AgentClient,
    readonly agentId: string,
    private readonly options: AutopilotOptions,
  ) {
    const socket = client.socket;
    socket.on('offer.created', (offer: { offerId: string }) => {
      this.offers.set(offer.offerId, (this.offers.get(offer.offerId) ?? 0) + 1);
      if (this.options.accept ?? true) void this.send({ type: 'offer.accept', offerId: offer.offerId });
    });
    socket.on('assignment.created', (assignment: { conversationId: string }) => {
      this.assignments.add(assignment.conversationId);
      const after = this.options.resolveAfterMs === undefined ? 50 : this.options.resolveAfterMs;
      if (after === null) return;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.send({ type: 'conversation.resolve', conversationId: assignment.conversationId });
      }, after);
      this.timers.add(timer);
    });
    socket.on('agent.status-changed', (change: { agentId: string; status: string }) => {
      // Missed offers (expired while the router was down) can set the agent away; a real agent comes back.
      if (change.agentId === agentId && change.status === 'away')
        void this.send({ type: 'status.set', status: 'available' });
    });
  }

  /** Logs in, connects and (unless told not to) goes available, once the router has applied the status. */
  static async start(
    gatewayUrl: string,
    tenantSlug: string,
    agent: { id: string; email: string; password: string },
    options: AutopilotOptions = {},
  ): Promise<AgentAutopilot> {
    const token = await AgentClient.login(gatewayUrl, tenantSlug, agent.email, agent.password);
    const client = await AgentClient.connect(gatewayUrl, token);
    const pilot = new AgentAutopilot(client, agent.id, options);
    if (options.goAvailable === false) return pilot;
    await pilot.send({ type: 'status.set', status: 'available' });
    await client.next('agent.status-changed', (e) => e.status === 'available', 60_000);
    return pilot;
  }

  /** Sends a command, retrying while the gateway cannot queue it. Never throws. */
  async send(body: Record<string, unknown>): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      const ack = await this.client.command(body).catch(() => ({ ok: false, code: 'TIMEOUT' }));
      if (ack.ok || (ack.code !== 'UNAVAILABLE' && ack.code !== 'TIMEOUT')) return;
      this.commandRetries++;
      await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
    }
  }

  /** Offer ids pushed more than once. */
  duplicateOffers(): string[] {
    return [...this.offers].filter(([, n]) => n > 1).map(([id]) => id);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.client.close();
  }
}
