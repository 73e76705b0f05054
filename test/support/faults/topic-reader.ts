// Kafka-side inspection for the fault tests: read a topic up to its end as of the call (what is on it now,
// without waiting for something that may never come), and wait for a gateway's relay to join its group.
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export interface TopicRecord {
  partition: number;
  key: string | null;
  headers: Record<string, string>;
  value: Record<string, unknown>;
}

export async function readTopicToEnd(
  brokers: string,
  topic: string,
  timeoutMs = 30_000,
): Promise<TopicRecord[]> {
  const kafka = new Kafka({ clientId: 'fault-reader', brokers: [brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)] as const),
  );
  const records: TopicRecord[] = [];
  if (remaining.size === 0) return records;
  const consumer = kafka.consumer({ groupId: `fault-reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic} to its end took over ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer
        .run({
          eachMessage: ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end !== undefined && Number(message.offset) < end) {
              const headers: Record<string, string> = {};
              for (const [name, value] of Object.entries(message.headers ?? {}))
                if (value !== undefined) headers[name] = value.toString();
              records.push({
                partition,
                key: message.key?.toString() ?? null,
                headers,
                value: JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown>,
              });
              if (Number(message.offset) >= end - 1) remaining.delete(partition);
            }
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

/**
 * Resolves once a gateway's relay has joined its consumer group. It reads new events only, so anything
 * published before it joined would never reach a socket.
 */
export async function waitForGatewayRelay(
  brokers: string,
  gatewayUrl: string,
  timeoutMs = 60_000,
  /** The relay's group prefix: `switchboard-gateway` for routing events, `switchboard-typing` for typing. */
  groupPrefix = 'switchboard-gateway',
): Promise<void> {
  const groupId = `${groupPrefix}-${hostname()}-${new URL(gatewayUrl).port}`;
  const admin = new Kafka({
    clientId: 'fault-groups',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { groups } = await admin.describeGroups([groupId]);
      if (groups[0]?.state === 'Stable' && groups[0].members.length > 0) return;
      if (Date.now() > deadline) throw new Error(`gateway group ${groupId} not stable after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await admin.disconnect();
  }
}
