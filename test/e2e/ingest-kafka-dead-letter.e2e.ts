// Kafka producers bypass REST, so the router applies the same contract: a record with text PostgreSQL cannot
// store lands on the dead-letter topic with a reason naming the field, and the valid record behind it is routed
// (before, such a record failed its router batch forever and stalled the partition).
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('Kafka ingest of unstorable text (real broker)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let agent: AgentClient;
  let producer: Producer;
  let deadLetters: Consumer;
  const dead: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres');
    tenant = await createTenantFixture(harness.prisma, [{ name: 'bea', capacity: { social: 2 } }]);
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
    const token = await AgentClient.login(
      harness.url,
      tenant.slug,
      tenant.agents[0].email,
      tenant.agents[0].password,
    );
    agent = await AgentClient.connect(harness.url, token);
    expect((await agent.command({ type: 'status.set', status: 'available' })).ok).toBe(true);
    await agent.next('agent.status-changed');
  });

  afterAll(async () => {
    agent?.close();
    await producer?.disconnect();
    await deadLetters?.disconnect();
    await harness?.close();
  });

  const record = (id: string, body: string) => ({
    schema: 'switchboard.inbound-contact.v1',
    tenantId: tenant.id,
    channel: 'whatsapp',
    channelMessageId: id,
    from: { address: '+15550123', displayName: 'Noor' },
    body,
    sentAt: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
  });

  it('dead-letters a NUL body with a reason naming body and routes the valid record behind it', async () => {
    await producer.send({
      topic: harness.config.topics.inbound,
      messages: [
        { key: tenant.id, value: JSON.stringify(record('wa-nul', 'card\u0000charged')) },
        { key: tenant.id, value: JSON.stringify(record('wa-ok', 'card charged twice')) },
      ],
    });

    const offer = await agent.next('offer.created');
    expect(offer.preview).toBe('card charged twice');

    await expect.poll(() => dead.length, { timeout: 45_000 }).toBe(1);
    expect(dead[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      reason: 'Schema violation: body: must not contain the NUL character (U+0000)',
      issues: [{ path: 'body', message: 'must not contain the NUL character (U+0000)' }],
      source: { topic: harness.config.topics.inbound },
    });
    expect(String(dead[0].value)).toContain('wa-nul');
    const stored = await harness.prisma.message.findMany({ where: { tenantId: tenant.id } });
    expect(stored.map((m) => m.channelMessageId)).toEqual(['wa-ok']);
  });

  it('dead-letters a javascript: attachment URL naming the field, as REST refuses it', async () => {
    const attachment = { name: 'x.html', contentType: 'text/html', sizeBytes: 1 };
    await producer.send({
      topic: harness.config.topics.inbound,
      messages: [
        {
          key: tenant.id,
          value: JSON.stringify({
            ...record('wa-js', 'see link'),
            attachments: [{ ...attachment, url: 'javascript:alert(1)' }],
          }),
        },
      ],
    });
    await expect.poll(() => dead.length, { timeout: 45_000 }).toBe(2);
    expect(dead[1]).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'attachments.0.url', message: 'must be an https: URL' }],
    });
    const stored = await harness.prisma.message.count({
      where: { tenantId: tenant.id, channelMessageId: 'wa-js' },
    });
    expect(stored).toBe(0);
  });
});
