// Deletes a test's own Kafka topics when it ends. Each test app uses a random topic prefix, so without this a
// developer's long-lived broker collects every run's partitions until it runs out of file descriptors.
import { Kafka, logLevel } from 'kafkajs';

export async function deleteTopicsWithPrefix(brokers: string, prefix: string): Promise<void> {
  const admin = new Kafka({
    clientId: 'test-cleanup',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}
