// An integrator on Kafka for the fault tests: builds inbound records, creates the router's topics up front
// (so records can wait in a backlog before any router exists), and produces with retries until the broker
// acknowledges, keeping the list of what was accepted for the audit.
import {
  INBOUND_CONTACT_V1,
  routerInputTopics,
  topicNames,
  type Channel,
  type InboundContactV1,
  type TopicNames,
} from '@switchboard/contracts';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { AcceptedRecord } from './database-audit';

export interface InboundSpec {
  tenantId: string;
  channelMessageId: string;
  /** The customer: the same address again threads into their open conversation. */
  address: string;
  channel?: Channel;
  body?: string;
  threadKey?: string;
}

export function inboundRecord(spec: InboundSpec): InboundContactV1 {
  const now = new Date().toISOString();
  return {
    schema: INBOUND_CONTACT_V1,
    tenantId: spec.tenantId,
    channel: spec.channel ?? 'chat',
    channelMessageId: spec.channelMessageId,
    from: { address: spec.address },
    body: spec.body ?? spec.channelMessageId,
    sentAt: now,
    receivedAt: now,
    ...(spec.threadKey ? { threadKey: spec.threadKey } : {}),
  };
}

/** Creates every topic the router and gateway use, with the router's partition count. */
export async function createTopics(brokers: string, prefix: string, partitions: number): Promise<TopicNames> {
  const topics = topicNames(prefix);
  const admin = new Kafka({
    clientId: 'fault-admin',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [...routerInputTopics(topics), topics.routingEvents, topics.deadLetter, topics.outbound].map(
        (topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 }),
      ),
    });
  } finally {
    await admin.disconnect();
  }
  return topics;
}

export class InboundProducer {
  readonly accepted: AcceptedRecord[] = [];
  /** Sends that failed and were retried (broker down, leader moving). */
  failedSends = 0;

  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
  ) {}

  static async connect(brokers: string, topic: string): Promise<InboundProducer> {
    const producer = new Kafka({
      clientId: 'fault-integrator',
      brokers: [brokers],
      logLevel: logLevel.NOTHING,
      retry: { initialRetryTime: 100, retries: 3 },
    }).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    return new InboundProducer(producer, topic);
  }

  /**
   * Produces the records (keyed by tenant, like every integrator must) and retries the whole send until the
   * broker acknowledges it. A failed send may have been written anyway, so a retry can duplicate records on
   * the topic, which the router must store once.
   */
  async send(records: readonly InboundContactV1[], deadlineMs = 120_000): Promise<void> {
    if (records.length === 0) return;
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.producer.send({
          topic: this.topic,
          acks: -1,
          messages: records.map((r) => ({ key: r.tenantId, value: JSON.stringify(r) })),
        });
        break;
      } catch (error) {
        this.failedSends++;
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** attempt)));
      }
    }
    for (const r of records)
      this.accepted.push({ tenantId: r.tenantId, channel: r.channel, channelMessageId: r.channelMessageId });
  }

  /**
   * A steady stream: `perSecond` records for `durationMs`, sent every 100 ms. While the broker is away the
   * pending sends retry, and the records due meanwhile follow in a burst once it is back.
   */
  async stream(
    perSecond: number,
    durationMs: number,
    next: (index: number) => InboundContactV1,
  ): Promise<{ sent: number; elapsedMs: number }> {
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < durationMs) {
      const due = Math.floor(((Date.now() - started) / 1000) * perSecond);
      const batch: InboundContactV1[] = [];
      while (sent + batch.length < due) batch.push(next(sent + batch.length));
      await this.send(batch);
      sent += batch.length;
      await new Promise((r) => setTimeout(r, 100));
    }
    // A send held up by an outage past the end still owes what fell due meanwhile.
    const rest: InboundContactV1[] = [];
    while (sent + rest.length < Math.floor((durationMs / 1000) * perSecond))
      rest.push(next(sent + rest.length));
    await this.send(rest);
    sent += rest.length;
    return { sent, elapsedMs: Date.now() - started };
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
