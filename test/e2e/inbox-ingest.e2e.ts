// A record naming an inbox, over REST and straight from Kafka (real broker, PostgreSQL): with no queue it waits
// in the inbox's default queue and its conversation remembers the inbox; an unknown or foreign inbox is refused
// naming inboxId (REST) or dead-lettered with the same code and issue (Kafka).
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('ingest through an inbox (real broker)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let producer: Producer;
  let deadLetters: Consumer;
  const dead: Array<Record<string, unknown>> = [];
  let inboxId: string;
  let foreignInboxId: string;
  let queueId: string;

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres');
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, []);
    const queue = await harness.prisma.queue.create({ data: { tenantId: tenant.id, name: 'whatsapp-desk' } });
    queueId = queue.id;
    const suffix = tenant.id.replace(/\D/g, '').slice(0, 12);
    inboxId = (
      await harness.prisma.inbox.create({
        data: {
          tenantId: tenant.id,
          channel: 'whatsapp',
          name: 'WA',
          address: `1${suffix}`,
          defaultQueueId: queue.id,
        },
      })
    ).id;
    foreignInboxId = (
      await harness.prisma.inbox.create({
        data: { tenantId: other.id, channel: 'whatsapp', name: 'Theirs', address: `2${suffix}` },
      })
    ).id;
    const kafka = new Kafka({
      clientId: 'integrator',
      brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
      logLevel: logLevel.NOTHING,
    });
    producer = kafka.producer();
    await producer.connect();
    deadLetters = kafka.consumer({ groupId: `dlq-reader-${tenant.slug}` });
    await deadLetters.connect();
    await deadLetters.subscribe({ topic: harness.config.topics.deadLetter, fromBeginning: true });
    await deadLetters.run({
      eachMessage: ({ message }) => {
        dead.push(JSON.parse(message.value!.toString()) as Record<string, unknown>);
        return Promise.resolve();
      },
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await deadLetters?.disconnect();
    await harness?.close();
  });

  const contact = (id: string, extra: Record<string, unknown> = {}) => ({
    channel: 'whatsapp',
    channelMessageId: id,
    from: { address: `+1555${id.replace(/\D/g, '').padStart(7, '0')}` },
    body: `hello ${id}`,
    sentAt: new Date().toISOString(),
    ...extra,
  });

  const ingest = async (body: unknown) => {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': tenant.apiKey },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const conversationOf = async (channelMessageId: string) =>
    (
      await harness.prisma.message.findFirst({
        where: { tenantId: tenant.id, channelMessageId },
        include: { conversation: true },
      })
    )?.conversation;

  it("REST: a contact naming the inbox and no queue waits in the inbox's default queue", async () => {
    expect((await ingest(contact('rest-1', { inboxId }))).status).toBe(202);
    await expect
      .poll(() => conversationOf('rest-1'), { timeout: 20_000 })
      .toMatchObject({ queueId, inboxId });
  });

  it('REST: an unknown or foreign inbox is refused with a 404 naming inboxId, and nothing is stored', async () => {
    for (const id of ['01900000-0000-7000-8000-000000000000', foreignInboxId]) {
      const refused = await ingest(contact(`rest-bad-${id.slice(-4)}`, { inboxId: id }));
      expect(refused.status).toBe(404);
      expect(refused.body).toMatchObject({ code: 'NOT_FOUND', errors: [{ path: 'inboxId' }] });
    }
    const channelOther = await ingest({ ...contact('rest-bad-chan', { inboxId }), channel: 'chat' });
    expect(channelOther.status).toBe(400);
    expect(channelOther.body).toMatchObject({ errors: [{ path: 'inboxId' }] });
  });

  it("Kafka: a foreign inbox is dead-lettered naming inboxId; the valid record behind it gets the inbox's queue", async () => {
    const record = (id: string, inbox: string) => ({
      ...contact(id, { inboxId: inbox }),
      schema: 'switchboard.inbound-contact.v1',
      tenantId: tenant.id,
      receivedAt: new Date().toISOString(),
    });
    await producer.send({
      topic: harness.config.topics.inbound,
      messages: [
        { key: tenant.id, value: JSON.stringify(record('kafka-9', foreignInboxId)) },
        { key: tenant.id, value: JSON.stringify(record('kafka-1', inboxId)) },
      ],
    });
    await expect
      .poll(() => conversationOf('kafka-1'), { timeout: 20_000 })
      .toMatchObject({ queueId, inboxId });
    await expect.poll(() => dead.length, { timeout: 20_000 }).toBe(1);
    expect(dead[0]).toMatchObject({
      code: 'NOT_FOUND',
      issues: [{ path: 'inboxId', message: 'no such inbox' }],
    });
    expect(String(dead[0].value)).toContain('kafka-9');
    expect(await conversationOf('kafka-9')).toBeUndefined();
  });
});
