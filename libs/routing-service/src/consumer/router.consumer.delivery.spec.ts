// The agent-commands topic carries three kinds of record; delivery reports from the connectors must be told
// apart from agents' commands, including commands whose text merely quotes the report schema's name.
import {
  AGENT_COMMAND_V1,
  CSAT_ANSWER_V1,
  DELIVERY_STATUS_V1,
  topicNames,
  type DeliveryStatusV1,
} from '@switchboard/contracts';
import type { Bus, ConsumedBatch, OutgoingMessage } from '@switchboard/messaging';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { RouterConsumer } from './router.consumer';
import type { RunnerItem, TenantBatchRunner } from './tenant-batch.runner';
import type { TenantDirectory } from './tenant.directory';
import type { TenantLanes } from './tenant-lane';

const topics = topicNames();

function consumer() {
  const ran: RunnerItem[] = [];
  const deadLetters: OutgoingMessage[] = [];
  const bus = {
    publish: (_topic: string, messages: OutgoingMessage[]) => {
      deadLetters.push(...messages);
      return Promise.resolve();
    },
  } as unknown as Bus;
  const c = new RouterConsumer({
    bus,
    topics,
    groupId: 'g',
    partitions: 1,
    lanes: { run: (_tenant: string, work: () => Promise<void>) => work() } as unknown as TenantLanes,
    runner: {
      run: (_tenant: string, items: RunnerItem[]) => {
        ran.push(...items);
        return Promise.resolve();
      },
    } as unknown as TenantBatchRunner,
    directory: {
      exists: () => Promise.resolve(true),
      queueIds: () => Promise.resolve(new Map()),
      forgetQueues: () => undefined,
    } as unknown as TenantDirectory,
    logger: pino({ level: 'silent' }),
    onRebalance: () => undefined,
  });
  return { c, ran, deadLetters };
}

const batch = (values: unknown[]): ConsumedBatch => ({
  topic: topics.agentCommands,
  partition: 0,
  heartbeat: () => Promise.resolve(),
  messages: values.map((value, i) => ({
    topic: topics.agentCommands,
    partition: 0,
    offset: String(i),
    key: 't1',
    value: Buffer.from(JSON.stringify(value)),
    headers: {},
  })),
});

const report: DeliveryStatusV1 = {
  schema: DELIVERY_STATUS_V1,
  by: 'message',
  tenantId: 't1',
  messageId: 'm1',
  status: 'sent',
  providerMessageId: 'wamid.1',
  at: '2026-12-04T10:00:00.000Z',
};

const quotingReply = {
  schema: AGENT_COMMAND_V1,
  type: 'conversation.reply',
  commandId: 'cmd-1',
  tenantId: 't1',
  agentId: 'alice',
  issuedAt: '2026-12-04T10:00:00.000Z',
  conversationId: 'c1',
  body: `Our records use ${DELIVERY_STATUS_V1}`,
};

describe('router consumer: delivery reports', () => {
  it('hands delivery reports and replies to the tenant’s lane as what they are', async () => {
    const { c, ran, deadLetters } = consumer();
    await c.handleBatch(batch([report, quotingReply]));
    expect(ran.map((r) => r.item.kind)).toEqual(['delivery', 'command']);
    expect(ran[0].item.record).toEqual(report);
    expect(deadLetters).toEqual([]);
  });

  it('dead-letters a record that claims to be a delivery report but is not one, naming the field', async () => {
    const { c, ran, deadLetters } = consumer();
    await c.handleBatch(batch([{ ...report, status: 'teleported' }]));
    expect(ran).toEqual([]);
    const [letter] = deadLetters.map((m) => JSON.parse(String(m.value)) as { code: string; reason: string });
    expect(letter.code).toBe('VALIDATION_FAILED');
    expect(letter.reason).toContain('status');
  });

  it('hands a CSAT answer to the lane as one, and a reply quoting its schema name as a command', async () => {
    const { c, ran, deadLetters } = consumer();
    const answer = {
      schema: CSAT_ANSWER_V1,
      tenantId: 't1',
      conversationId: 'c1',
      queueId: null,
      channel: 'chat',
      agentId: 'alice',
      score: 5,
      comment: null,
      at: '2026-12-04T10:00:00.000Z',
    };
    await c.handleBatch(batch([answer, { ...quotingReply, body: `Our records use ${CSAT_ANSWER_V1}` }]));
    expect(ran.map((r) => r.item.kind)).toEqual(['csat', 'command']);
    expect(ran[0].item.record).toEqual(answer);
    expect(deadLetters).toEqual([]);
  });
});
