// Integrators on Kafka: any client produces to the inbound topic. Valid records are routed; malformed ones
// land on the dead-letter topic with a reason, and the consumer keeps going.
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { startHarness, type Harness } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';

describe('Kafka ingest (real broker)', () => {
  let harness: Harness;
  let tenant: TenantFixture;
  let agent: AgentClient;
  let producer: Producer;
  let deadLetters: Consumer;
  const dead: Array<{ key: string | null; value: Record<string, unknown> }> = [];

  beforeAll(async () => {
    harness = await startHarness('kafka+postgres');
    tenant = await createTenantFixture(harness.prisma, [{ name: 'bob', capacity: { social: 2 } }]);
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
        dead.push({
          key: message.key?.toString() ?? null,
          value: JSON.parse(message.value!.toString()) as Record<string, unknown>,
        });
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

  const record = (id: string) => ({
    schema: 'switchboard.inbound-contact.v1',
    tenantId: tenant.id,
    channel: 'whatsapp',
    channelMessageId: id,
    from: { address: '+15550100', displayName: 'Dana' },
    body: `WhatsApp ${id}`,
    sentAt: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
  });

  it('dead-letters malformed records with a reason and still routes the valid record behind them', async () => {
    const topic = harness.config.topics.inbound;
    await producer.send({
      topic,
      messages: [
        { key: tenant.id, value: '{not json' },
        { key: tenant.id, value: JSON.stringify({ ...record('wa-bad'), channel: 'pigeon' }) },
        { key: tenant.id, value: JSON.stringify({ ...record('wa-ghost'), tenantId: 'no-such-tenant' }) },
        { key: 'someone-else', value: JSON.stringify(record('wa-wrong-key')) },
        { key: tenant.id, value: JSON.stringify(record('wa-1')) },
      ],
    });

    const offer = await agent.next('offer.created');
    expect(offer.preview).toBe('WhatsApp wa-1');

    await expect.poll(() => dead.length, { timeout: 20_000 }).toBe(4);
    // The record keyed to another tenant sits on another partition, so only per-partition order is defined.
    const byValue = (fragment: string) => dead.find((d) => String(d.value.value).includes(fragment))!.value;
    expect(byValue('{not json')).toMatchObject({
      code: 'INVALID_JSON',
      valueEncoding: 'utf8',
      source: { topic },
    });
    expect(byValue('wa-bad')).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [expect.objectContaining({ path: 'channel' })],
    });
    expect(String(byValue('wa-ghost').reason)).toContain('key must equal tenantId');
    expect(String(byValue('wa-wrong-key').reason)).toContain('key must equal tenantId');
    const stored = await harness.prisma.message.findMany({ where: { tenantId: tenant.id } });
    expect(stored.map((m) => m.channelMessageId)).toEqual(['wa-1']);
  });

  it('dead-letters a record for an unknown tenant keyed consistently', async () => {
    const ghost = { ...record('wa-ghost-2'), tenantId: 'ghost-tenant' };
    await producer.send({
      topic: harness.config.topics.inbound,
      messages: [{ key: 'ghost-tenant', value: JSON.stringify(ghost) }],
    });
    await expect
      .poll(() => dead.some((d) => d.value.code === 'UNKNOWN_TENANT'), { timeout: 20_000 })
      .toBe(true);
  });

  it('stores a record produced twice exactly once', async () => {
    const twice = JSON.stringify(record('wa-2'));
    await producer.send({
      topic: harness.config.topics.inbound,
      messages: [
        { key: tenant.id, value: twice },
        { key: tenant.id, value: twice },
      ],
    });
    await expect
      .poll(
        () => harness.prisma.message.count({ where: { tenantId: tenant.id, channelMessageId: 'wa-2' } }),
        { timeout: 20_000 },
      )
      .toBe(1);
  });
});
