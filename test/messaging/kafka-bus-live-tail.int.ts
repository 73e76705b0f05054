// A live-tail subscription (fromBeginning: false, a brand-new group) on real Kafka: once subscribe() resolved,
// every record published afterwards is delivered, even one published the instant it resolved; and ready()
// reports the member not ready until then.
import { randomBytes } from 'node:crypto';
import { KafkaBus, type ConsumedBatch, type Subscription } from '@switchboard/messaging';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const quiet = pino({ level: 'silent' });
/** Fresh groups tried in a row: the gap this closes was a race, lost on most tries but not all. */
const ROUNDS = 6;

describe('KafkaBus live-tail subscribe', () => {
  let publisher: KafkaBus;
  let subscriber: KafkaBus;
  const subscriptions: Subscription[] = [];
  const topic = `live-tail-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    publisher = new KafkaBus({ brokers: [inject('kafkaBrokers')], clientId: 'live-tail-pub', logger: quiet });
    subscriber = new KafkaBus({
      brokers: [inject('kafkaBrokers')],
      clientId: 'live-tail-sub',
      logger: quiet,
    });
    await publisher.ensureTopics([topic], 3);
    // A connected producer and records already in the log: publishing right after subscribe is then one
    // round trip, which is what used to beat the consumer's first offset lookup.
    await publisher.publish(topic, [
      { key: 'tenant-a', value: 'old' },
      { key: 'tenant-b', value: 'old' },
      { key: 'tenant-c', value: 'old' },
    ]);
  });

  afterAll(async () => {
    await Promise.all(subscriptions.map((s) => s.close()));
    await Promise.all([publisher.close(), subscriber.close()]);
  });

  it('delivers a record published the moment subscribe() resolved, for every fresh group', async () => {
    const received: string[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const groupId = `live-tail-group-${round}-${randomBytes(4).toString('hex')}`;
      const seen: string[] = [];
      received.push(seen);
      subscriptions.push(
        await subscriber.subscribe({
          groupId,
          topics: [topic],
          fromBeginning: false,
          handleBatch: (batch: ConsumedBatch) => {
            seen.push(...batch.messages.map((m) => m.value.toString()));
            return Promise.resolve();
          },
        }),
      );
      await publisher.publish(topic, [{ key: `tenant-${round}`, value: `after-${round}` }]);
    }
    for (const [round, seen] of received.entries()) {
      await expect.poll(() => seen, { timeout: 30_000 }).toContain(`after-${round}`);
      // A live tail: nothing retained from before the group existed.
      expect(seen).not.toContain('old');
    }
  });

  it('reports the subscription not ready while it starts, and ready once subscribe() resolved', async () => {
    const groupId = `live-tail-ready-${randomBytes(4).toString('hex')}`;
    const pending = subscriber.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: false,
      handleBatch: () => Promise.resolve(),
    });
    await expect(subscriber.ready()).rejects.toThrow(`consumer ${groupId}: starting`);
    subscriptions.push(await pending);
    await expect(subscriber.ready()).resolves.toBeUndefined();
  });
});
