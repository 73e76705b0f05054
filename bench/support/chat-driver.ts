// Web-chat visitors over socket.io-client: each lane is a visitor with its own session (POST /v1/chat/sessions)
// and socket on `/visitors`, sending one message at a time; the ack means the record is durable. A share of
// messages are sent again with the same clientMessageId, as the widget does when an ack was lost.
import { io, type Socket } from 'socket.io-client';
import type { ChannelTenant } from './channel-seed';
import {
  RecentRequests,
  RoundRobin,
  type ChannelDriver,
  type SendOutcome,
  type SeqLedger,
} from './channel-driver';

interface ChatMessage {
  readonly clientMessageId: string;
  readonly body: string;
}

interface Visitor {
  readonly socket: Socket;
  readonly recent: RecentRequests<ChatMessage>;
}

export class ChatDriver implements ChannelDriver {
  readonly channel = 'chat';
  private readonly inboxes: RoundRobin<ChannelTenant>;
  private visitors: Visitor[] = [];

  constructor(
    private readonly ledger: SeqLedger,
    private readonly baseUrl: string,
    tenants: readonly ChannelTenant[],
    private readonly redeliveryShare: number,
  ) {
    this.inboxes = new RoundRobin(tenants);
  }

  async open(lanes: number): Promise<void> {
    this.visitors = await Promise.all(
      Array.from({ length: lanes }, async () => ({
        socket: await this.connect(this.inboxes.next().chatInboxId),
        recent: new RecentRequests<ChatMessage>(8),
      })),
    );
  }

  close(): Promise<void> {
    for (const visitor of this.visitors) visitor.socket.close();
    this.visitors = [];
    return Promise.resolve();
  }

  async send(lane: number): Promise<SendOutcome> {
    const visitor = this.visitors[lane];
    const again = Math.random() < this.redeliveryShare ? visitor.recent.pick() : undefined;
    const seqs: number[] = [];
    let message = again;
    if (!message) {
      const seq = this.ledger.take();
      seqs.push(seq);
      message = { clientMessageId: this.ledger.messageId(seq), body: this.ledger.body(seq) };
    }
    const startedAt = performance.now();
    for (const seq of seqs) this.ledger.sentAt[seq] = startedAt;
    let refusal: string | undefined;
    try {
      const ack = (await visitor.socket.timeout(30_000).emitWithAck('message', message)) as {
        ok: boolean;
        code?: string;
      };
      if (!ack.ok) refusal = `ack ${ack.code ?? 'not ok'}`;
    } catch (error) {
      refusal = `no ack: ${String(error)}`;
    }
    const endedAt = performance.now();
    if (!refusal && !again) visitor.recent.add(message);
    return { seqs, redelivery: again !== undefined, startedAt, endedAt, ...(refusal ? { refusal } : {}) };
  }

  private async connect(inboxId: string): Promise<Socket> {
    const response = await fetch(`${this.baseUrl}/v1/chat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ inboxId }),
    });
    if (response.status !== 201)
      throw new Error(`chat session refused: ${response.status} ${await response.text()}`);
    const { token } = (await response.json()) as { token: string };
    const socket = io(`${this.baseUrl}/visitors`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', (error) => reject(error));
    });
    return socket;
  }
}
