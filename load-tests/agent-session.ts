// One load agent on socket.io-client, behaving as the k6 script's agent VU does: log in over REST, join
// `/agents` with the JWT (routing-events stream), go available on `ready`, accept every offer at once, resolve
// each assignment after the think time, and at the end resolve what is open, go offline and disconnect.
import { io, type Socket } from 'socket.io-client';
import type { AgentPoolMetrics } from './agent-pool-metrics';

/** `[lt:<run>:<seq>:<sent epoch ms>]` at the start of the offer's preview (the contact's body). */
const MARKER = /^\[lt:([A-Za-z0-9]+):(\d+):(\d+)\]/;

export interface AgentSessionConfig {
  readonly baseUrl: string;
  readonly tenant: string;
  readonly email: string;
  readonly password: string;
  readonly runId: string;
  readonly thinkMs: number;
  /** Epoch ms after which offers no longer count as arriving "during arrivals". */
  readonly arrivalsEnd: number;
}

/** What a session reports beyond the counters: one line per timed offer and assignment, and problems. */
export interface AgentSessionSink {
  readonly metrics: AgentPoolMetrics;
  offer(seq: string, receivedAt: number, ms: number): void;
  assignment(at: number, ms: number): void;
  problem(level: 'warning' | 'error', text: string): void;
}

interface OfferEvent {
  offerId: string;
  preview?: string;
}
interface ConversationEvent {
  conversationId: string;
  agentId?: string;
  offerId?: string;
}
interface StatusEvent {
  agentId?: string;
  status?: string;
  cause?: string;
}
type Command =
  | { type: 'status.set'; status: 'available' | 'offline' }
  | { type: 'offer.accept'; offerId: string }
  | { type: 'conversation.resolve'; conversationId: string };

export class AgentSession {
  private socket: Socket | null = null;
  private agentId = '';
  private leaving = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly working = new Set<string>();
  private readonly seenOffers = new Set<string>();
  private readonly acceptSentAt = new Map<string, number>();

  constructor(
    private readonly config: AgentSessionConfig,
    private readonly sink: AgentSessionSink,
  ) {}

  /** Logs in and connects; resolves once the namespace answered `ready` (or the join failed). */
  async start(): Promise<boolean> {
    const { baseUrl, tenant, email, password } = this.config;
    const login = await fetch(`${baseUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, email, password }),
    }).catch((error: unknown) => error as Error);
    if (login instanceof Error || login.status !== 200) {
      const why =
        login instanceof Error ? login.message : `${login.status} ${(await login.text()).slice(0, 200)}`;
      this.sink.problem('error', `${email}: login answered ${why}`);
      return false;
    }
    const { token, agentId } = (await login.json()) as { token: string; agentId: string };
    this.agentId = agentId;
    const socket = io(`${baseUrl}/agents`, {
      auth: { token, stream: 'routing-events' },
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket = socket;
    this.listen(socket);
    return new Promise<boolean>((resolve) => {
      socket.once('ready', () => resolve(true));
      socket.once('connect_error', (error: Error) => {
        this.sink.metrics.add('agent_socket_errors');
        this.sink.problem('error', `${email}: namespace refused: ${error.message}`);
        resolve(false);
      });
    });
  }

  /** Ends the shift: resolves what is still open, goes offline, and closes the socket a second later. */
  signOff(): Promise<void> {
    if (!this.socket || this.leaving) return Promise.resolve();
    this.leaving = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const conversationId of this.working) this.command({ type: 'conversation.resolve', conversationId });
    this.command({ type: 'status.set', status: 'offline' });
    const socket = this.socket;
    return new Promise((resolve) =>
      setTimeout(() => {
        socket.close();
        resolve();
      }, 1000),
    );
  }

  private listen(socket: Socket): void {
    const { metrics } = this.sink;
    socket.on('ready', () => {
      metrics.add('agents_ready');
      this.command({ type: 'status.set', status: 'available' });
    });
    socket.on('offer.created', (event: OfferEvent) => this.onOffer(event));
    socket.on('assignment.created', (event: ConversationEvent) => this.onAssignment(event));
    socket.on('conversation.resolved', (event: ConversationEvent) => {
      if (event.agentId && event.agentId !== this.agentId) return;
      this.working.delete(event.conversationId);
      metrics.add('conversations_resolved');
    });
    socket.on('offer.closed', (event: { offerId: string; outcome?: string }) => {
      // Going offline at the end cancels the offers still pending: that is the harness, not the engine.
      if (event.outcome === 'accepted') return;
      if (!this.leaving) metrics.add('offers_closed_not_accepted');
      this.acceptSentAt.delete(event.offerId);
    });
    socket.on('command.rejected', (event: { code?: string; message?: string }) => {
      metrics.add('commands_rejected');
      this.sink.problem('warning', `${this.config.email}: command rejected ${event.code}: ${event.message}`);
    });
    socket.on('agent.status-changed', (event: StatusEvent) => {
      // The router may take an agent out of rotation (missed offers); count it and go back in.
      if (event.agentId !== this.agentId || event.cause === 'agent' || event.status === 'available') return;
      metrics.add('agents_status_forced');
      if (!this.leaving) this.command({ type: 'status.set', status: 'available' });
    });
    socket.on('disconnect', (reason: string) => {
      if (this.leaving) return;
      metrics.add('agent_socket_errors');
      this.sink.problem('error', `${this.config.email}: disconnected early (${reason})`);
    });
  }

  private onOffer(event: OfferEvent): void {
    if (this.leaving) return;
    const { metrics } = this.sink;
    if (this.seenOffers.has(event.offerId)) {
      metrics.add('offer_events_repeated');
      return;
    }
    this.seenOffers.add(event.offerId);
    const receivedAt = Date.now();
    metrics.add('offers_received');
    if (receivedAt <= this.config.arrivalsEnd) metrics.add('offers_during_arrivals');
    const marker = MARKER.exec(event.preview ?? '');
    if (marker && marker[1] === this.config.runId) {
      const ms = receivedAt - Number(marker[3]);
      metrics.sample('offer_latency_ms', ms);
      this.sink.offer(marker[2], receivedAt, ms);
    } else {
      metrics.add('offers_without_marker');
    }
    this.acceptSentAt.set(event.offerId, Date.now());
    this.command({ type: 'offer.accept', offerId: event.offerId });
  }

  private onAssignment(event: ConversationEvent): void {
    if (event.agentId && event.agentId !== this.agentId) return; // a supervisor-room copy, not ours
    this.sink.metrics.add('assignments_created');
    const sent = event.offerId ? this.acceptSentAt.get(event.offerId) : undefined;
    if (sent !== undefined && event.offerId) {
      const now = Date.now();
      this.sink.metrics.sample('assign_latency_ms', now - sent);
      this.sink.assignment(now, now - sent);
      this.acceptSentAt.delete(event.offerId);
    }
    this.working.add(event.conversationId);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.command({ type: 'conversation.resolve', conversationId: event.conversationId });
    }, this.config.thinkMs);
    this.timers.add(timer);
  }

  private command(payload: Command): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    const sentAt = Date.now();
    socket.emit('command', payload, (ack: { ok?: boolean } | undefined) => {
      this.sink.metrics.sample('command_ack_ms', Date.now() - sentAt);
      if (ack?.ok === true) return;
      this.sink.metrics.add('command_acks_failed');
      this.sink.problem('warning', `${this.config.email}: command refused: ${JSON.stringify(ack)}`);
    });
  }
}
