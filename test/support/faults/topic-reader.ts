// Reads a topic from the beginning up to its end as of the call: what is on the topic now, with no waiting
// for something that may never come. Used to prove an event was NOT published, and to read dead letters.
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';

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
