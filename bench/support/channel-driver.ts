// What the channel benchmark drives: one request at a time per lane (an HTTP connection, an SMTP connection, a
// visitor's socket), each carrying new messages, or a redelivery of messages already acknowledged. Every new
// message gets a run-wide sequence number that its channel id (`bm-<run>-<seq>`) and body (`bi:<seq>`) carry, so
// the routing-event tracker can tell when the router stored it.

export type BenchChannel = 'rest' | 'whatsapp' | 'email' | 'chat';

export interface SendOutcome {
  /** Sequence numbers of the new messages in the request (none for a redelivery). */
  readonly seqs: readonly number[];
  readonly redelivery: boolean;
  /** Undefined when the channel acknowledged the request as durable; else what it answered. */
  readonly refusal?: string;
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface ChannelDriver {
  readonly channel: BenchChannel;
  /** Opens `lanes` lanes (connections, visitors) for one step. */
  open(lanes: number): Promise<void>;
  send(lane: number): Promise<SendOutcome>;
  /** Closes the step's lanes. */
  close(): Promise<void>;
}

/** Hands out sequence numbers and keeps when each message was sent and acknowledged. */
export class SeqLedger {
  /** performance.now() just before the request carrying seq was sent. */
  readonly sentAt: number[] = [];
  /** performance.now() when the channel acknowledged seq as durable; undefined if it never did. */
  readonly ackAt: number[] = [];
  private next = 0;

  constructor(readonly runId: string) {}

  take(): number {
    return this.next++;
  }

  get taken(): number {
    return this.next;
  }

  /** The channel's own message id for seq; the event tracker finds it in `message.received`. */
  messageId(seq: number): string {
    return `bm-${this.runId}-${seq}`;
  }

  /** A message body starting with the tracker's `bi:<seq>` token. */
  body(seq: number): string {
    return `bi:${seq} Hello, my order has not arrived yet and I would like to know where it is.`;
  }

  /** The seq in a stored channel message id (chat prefixes it with the visitor id, email brackets it). */
  seqOf(channelMessageId: string): number | undefined {
    const match = new RegExp(`bm-${this.runId}-(\\d+)`).exec(channelMessageId);
    return match ? Number(match[1]) : undefined;
  }
}

/** Customers of one channel: a share of new ones, the rest writing again (follow-ups thread into their conversation). */
export class CustomerPool {
  private count = 0;

  constructor(
    private readonly prefix: string,
    private readonly newShare: number,
  ) {}

  pick(): string {
    if (this.count === 0 || Math.random() < this.newShare) return `${this.prefix}${this.count++}`;
    return `${this.prefix}${Math.floor(Math.random() * this.count)}`;
  }
}

/** Round-robin over a list (the tenants' inboxes). */
export class RoundRobin<T> {
  private at = 0;

  constructor(private readonly items: readonly T[]) {}

  next(): T {
    const item = this.items[this.at % this.items.length];
    this.at++;
    return item;
  }
}

/** Keeps the last requests a channel acknowledged, for redelivering one of them. */
export class RecentRequests<T> {
  private readonly items: T[] = [];

  constructor(private readonly keep = 64) {}

  add(item: T): void {
    this.items.push(item);
    if (this.items.length > this.keep) this.items.shift();
  }

  /** A random one, or undefined when nothing was acknowledged yet. */
  pick(): T | undefined {
    return this.items.length === 0 ? undefined : this.items[Math.floor(Math.random() * this.items.length)];
  }
}
