// Produces the ingest benchmark's records through real Kafka: flat out (saturation) or paced (latency).
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { BenchRecord, IngestWorkload } from './ingest-workload';
import { sleep } from './stats';

const CHUNK = 500;
const IN_FLIGHT = 4;

export class IngestProducer {
  private readonly producer: Producer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly workload: IngestWorkload,
  ) {
    // The project's partitioner, so each tenant lands on the partition its router expects.
    this.producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** The next `count` records as fast as Kafka takes them: chunks of CHUNK, IN_FLIGHT sends at a time. */
  async flatOut(count: number): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let failure: Error | undefined;
    for (let done = 0; done < count && failure === undefined; done += CHUNK) {
      const p: Promise<void> = this.send(this.workload.take(Math.min(CHUNK, count - done)))
        .catch((error: unknown) => void (failure ??= asError(error)))
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  }

  /**
   * `rate` records a second for `durationMs`, in small batches every few ms. `sentAt[seq]` gets the
   * performance.now() just before each record's send. Resolves once Kafka acknowledged them all.
   */
  async paced(rate: number, durationMs: number, sentAt: number[]): Promise<void> {
    const total = Math.round((rate * durationMs) / 1000);
    const start = performance.now();
    const pending: Promise<void>[] = [];
    let failure: Error | undefined;
    let sent = 0;
    while (sent < total && failure === undefined) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate)) - sent;
      if (due > 0) {
        const records = this.workload.take(due);
        const now = performance.now();
        for (const r of records) sentAt[r.seq] = now;
        // Caught here and rethrown below, so one failed send cannot become an unhandled rejection.
        pending.push(this.send(records).catch((error: unknown) => void (failure ??= asError(error))));
        sent += due;
      }
      await sleep(2);
    }
    await Promise.all(pending);
    if (failure !== undefined) throw failure;
  }

  private async send(records: BenchRecord[]): Promise<void> {
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.tenantId, value: r.value })),
    });
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
