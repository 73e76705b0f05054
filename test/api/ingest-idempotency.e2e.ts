// POST /v1/contacts with an Idempotency-Key, on PostgreSQL with Kafka and on the embedded default: a retry
// replays the first answer, another body under the key is a 409 naming the header, keys are per tenant, and
// ten concurrent duplicates put exactly one record on the inbound topic.
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

interface Answer {
  status: number;
  type: string | null;
  replayed: boolean;
  body: Record<string, unknown>;
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('ingest Idempotency-Key (%s)', (mode) => {
  let harness: Harness;
  let tenant: TenantFixture;
  let other: TenantFixture;

  beforeAll(async () => {
    harness = await startHarness(mode);
    tenant = await createTenantFixture(harness.prisma, []);
    other = await createTenantFixture(harness.prisma, []);
  });

  afterAll(async () => {
    await harness?.close();
  });

  const contact = (id: string, body = 'hello') => ({
    channel: 'chat',
    channelMessageId: id,
    from: { address: `visitor-${id}` },
    body,
    sentAt: '2026-12-04T10:00:00.000Z',
  });

  async function ingest(body: unknown, key: string, as: TenantFixture = tenant): Promise<Answer> {
    const response = await fetch(`${harness.url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': as.apiKey, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      replayed: response.headers.get('idempotent-replayed') === 'true',
      body: (await response.json()) as Record<string, unknown>,
    };
  }

  /** Records on the inbound topic that carry this channel message id. */
  async function published(channelMessageId: string): Promise<number> {
    const topic = harness.config.topics.inbound;
    if (mode === 'embedded') {
      const rows = await harness.prisma.busJournal.findMany({ where: { topic }, select: { value: true } });
      return rows.filter((r) => Buffer.from(r.value).toString('utf8').includes(`"${channelMessageId}"`))
        .length;
    }
    const kafka = new Kafka({
      clientId: 'idempotency-test',
      brokers: harness.config.bus.kind === 'kafka' ? harness.config.bus.brokers : [],
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const admin = kafka.admin();
    await admin.connect();
    const total = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
    await admin.disconnect();
    await consumer.run({
      eachMessage: ({ message }) => {
        seen.push(message.value?.toString('utf8') ?? '');
        return Promise.resolve();
      },
    });
    await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(total);
    await consumer.disconnect();
    return seen.filter((value) => value.includes(`"${channelMessageId}"`)).length;
  }

  it('replays the first answer to a retry with the same key and body', async () => {
    const key = `key-${randomBytes(8).toString('hex')}`;
    const first = await ingest(contact('idem-1'), key);
    expect(first.status).toBe(202);
    expect(first.replayed).toBe(false);
    // Same content, fields in another order: the same body.
    const { body, ...rest } = contact('idem-1');
    const again = await ingest({ body, ...rest }, key);
    expect(again).toMatchObject({ status: 202, replayed: true, body: first.body });
    expect(await published('idem-1')).toBe(1);
  });

  it('answers 409 naming Idempotency-Key to the same key with another body, and stores nothing for it', async () => {
    const key = `key-${randomBytes(8).toString('hex')}`;
    expect((await ingest(contact('idem-2'), key)).status).toBe(202);
    const conflict = await ingest(contact('idem-2b', 'another message'), key);
    expect(conflict.status).toBe(409);
    expect(conflict.type).toContain('application/problem+json');
    expect(conflict.body).toMatchObject({ code: 'CONFLICT', errors: [{ path: 'Idempotency-Key' }] });
    expect(await published('idem-2b')).toBe(0);
  });

  it("keeps keys per tenant: another tenant's request with the same key is its own", async () => {
    const key = `key-${randomBytes(8).toString('hex')}`;
    expect((await ingest(contact('idem-3'), key)).status).toBe(202);
    const theirs = await ingest(contact('idem-3-other', 'theirs'), key, other);
    expect(theirs).toMatchObject({ status: 202, replayed: false, body: { tenantId: other.id } });
  });

  it('refuses a key that is too long or not printable ASCII with a 400 naming the header', async () => {
    for (const key of ['k'.repeat(256), 'with space']) {
      const refused = await ingest(contact('idem-4'), key);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ errors: [{ path: 'Idempotency-Key' }] });
    }
    expect(await published('idem-4')).toBe(0);
  });

  it('accepts exactly one of ten concurrent duplicates; the others replay it or are told to retry', async () => {
    const key = `key-${randomBytes(8).toString('hex')}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => ingest(contact('idem-5'), key)));
    const fresh = answers.filter((a) => a.status === 202 && !a.replayed);
    expect(fresh).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 202) expect(answer.body).toEqual(fresh[0].body);
      else expect(answer.body).toMatchObject({ code: 'CONFLICT', errors: [{ path: 'Idempotency-Key' }] });
    }
    expect(await published('idem-5')).toBe(1);
    const rows = await harness.prisma.idempotencyKey.findMany({ where: { tenantId: tenant.id, key } });
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe(202);
    // Once answered, a retry replays.
    expect(await ingest(contact('idem-5'), key)).toMatchObject({ status: 202, replayed: true });
  });
});
