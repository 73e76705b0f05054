// Follows the router's routing-events topic and notes when each benchmark record's `message.received` event
// arrives (the router emits it after the record's transaction committed). Matching is by string search, not
// JSON.parse, so the tracker stays cheap next to the router it measures on the same cores.
import { type Consumer, type Kafka } from 'kafkajs';
import { sleep } from './stats';

const RECEIVED = '"type":"message.received"';

export type WaitOutcome = 'done' | 'timeout' | 'stalled';

export interface WaitLimits {
  readonly timeoutMs: number;
  readonly stallMs: number;
  readonly onProgress?: (missing: number) => void;
}

const OFFERED = '"type":"offer.created"';
const QUEUED = '"type":"conversation.queued"';

export class EventTracker {
  /** performance.now() at which seq's message.received arrived; undefined until it has. */
  readonly arrivedAt: number[] = [];
  received = 0;
  duplicates = 0;
  offers = 0;
  queued = 0;
  unmatched = 0;
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly runId: string,
  ) {}

  async start(groupId: string): Promise<void> {
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100, maxBytes: 64 * 1024 * 1024 });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: this.topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      partitionsConsumedConcurrently: 6,
      eachBatch: ({ batch }) => {
        const now = performance.now();
        for (const message of batch.messages) if (message.value) this.observe(message.value.toString(), now);
        return Promise.resolve();
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  /**
   * Waits until every seq in [from, to) has arrived. Gives up after `timeoutMs`, or after `stallMs` without a
   * single new arrival (a router that stopped consuming never catches up).
   */
  async waitFor(from: number, to: number, limits: WaitLimits): Promise<WaitOutcome> {
    const start = performance.now();
    let next = from;
    let lastReport = start;
    let lastCount = this.received;
    let lastProgress = start;
    for (;;) {
      while (next < to && this.arrivedAt[next] !== undefined) next++;
      if (next >= to) return 'done';
      const now = performance.now();
      if (this.received !== lastCount) {
        lastCount = this.received;
        lastProgress = now;
      }
      if (now - start > limits.timeoutMs) return 'timeout';
      if (now - lastProgress > limits.stallMs) return 'stalled';
      if (limits.onProgress && now - lastReport > 5000) {
        lastReport = now;
        limits.onProgress(to - from - this.countArrived(from, to));
      }
      await sleep(5);
    }
  }

  /** performance.now() of the latest arrival in [from, to), or NaN if none arrived. */
  lastArrival(from: number, to: number): number {
    let last = Number.NaN;
    for (let s = from; s < to; s++) {
      const t = this.arrivedAt[s];
      if (t !== undefined && !(t <= last)) last = t;
    }
    return last;
  }

  countArrived(from: number, to: number): number {
    let n = 0;
    for (let s = from; s < to; s++) if (this.arrivedAt[s] !== undefined) n++;
    return n;
  }

  private observe(text: string, now: number): void {
    if (text.includes(OFFERED)) this.offers++;
    else if (text.includes(QUEUED)) this.queued++;
    if (!text.includes(RECEIVED)) return;
    const seq = this.seqOf(text);
    if (seq === undefined) {
      this.unmatched++;
      return;
    }
    if (this.arrivedAt[seq] !== undefined) {
      this.duplicates++;
      return;
    }
    this.arrivedAt[seq] = now;
    this.received++;
  }

  /** The channel message id when the event carries it, else the `bi:<seq>` token that starts the body. */
  private seqOf(text: string): number | undefined {
    const idMarker = `"channelMessageId":"bm-${this.runId}-`;
    let at = text.indexOf(idMarker);
    if (at !== -1) return readInt(text, at + idMarker.length);
    const bodyMarker = '"body":"bi:';
    at = text.indexOf(bodyMarker);
    return at === -1 ? undefined : readInt(text, at + bodyMarker.length);
  }
}

function readInt(text: string, at: number): number | undefined {
  let end = at;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  return end > at ? Number(text.slice(at, end)) : undefined;
}
