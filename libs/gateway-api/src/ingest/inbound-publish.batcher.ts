// Group commit for ingest: concurrent POSTs share one bus publish. The first message goes out at once; those
// that arrive while a publish is in flight wait for it and go out together next. Kafka's idempotent producer
// allows one produce request in flight per broker, and the embedded bus writes one journal statement per publish,
// so one publish per request made the bus round trip, not the CPU, the ingest ceiling.
import type { OutgoingMessage } from '@switchboard/messaging';

interface Waiting {
  readonly message: OutgoingMessage;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class InboundPublishBatcher {
  private waiting: Waiting[] = [];
  private flushing = false;

  /**
   * @param publishBatch publishes messages durably, in order (Bus.publish on one topic)
   * @param maxBatch the most messages one publish carries; the rest wait for the next
   */
  constructor(
    private readonly publishBatch: (messages: OutgoingMessage[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves when the bus durably has the message; rejects with the bus's error if its publish failed. */
  publish(message: OutgoingMessage): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.maxBatch);
        try {
          await this.publishBatch(batch.map((w) => w.message));
          for (const w of batch) w.resolve();
        } catch (error) {
          // All or nothing for the callers: each answers 503, and a resend is safe (channel message id dedupe).
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
