// Creating topics on real Kafka while other processes create the same ones: every caller gets the partition
// counts, even while the new topics' metadata is still settling on the broker (a gateway starting beside a
// router on a fresh prefix used to exit with UNKNOWN_TOPIC_OR_PARTITION).
import { randomBytes } from 'node:crypto';
import { KafkaBus } from '@switchboard/messaging';
import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';

const quiet = pino({ level: 'silent' });

describe('KafkaBus.ensureTopics', () => {
  const prefix = `ensure-${randomBytes(4).toString('hex')}.`;
  const buses: KafkaBus[] = [];

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
    const admin = new Kafka({
      brokers: inject('kafkaBrokers').split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    await admin.disconnect();
  });

  it('answers every concurrent caller with the partition counts of the topics they created together', async () => {
    const topics = Array.from({ length: 6 }, (_, i) => `${prefix}t${i}`);
    // Overlapping sets, as a gateway's relays and a router ask for theirs at once.
    const asks = Array.from({ length: 8 }, (_, i) => {
      const bus = new KafkaBus({
        brokers: inject('kafkaBrokers').split(','),
        clientId: `ensure-${i}`,
        logger: quiet,
      });
      buses.push(bus);
      return bus.ensureTopics(topics.slice(i % 3, (i % 3) + 4), 3);
    });
    const answers = await Promise.all(asks);
    for (const [i, answer] of answers.entries()) {
      expect(Object.fromEntries(answer)).toEqual(
        Object.fromEntries(topics.slice(i % 3, (i % 3) + 4).map((topic) => [topic, 3])),
      );
    }
  });
});
