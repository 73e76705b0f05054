import {
  DELIVERY_STATUS_V1,
  OUTBOUND_MESSAGE_V1,
  topicNames,
  type OutboundMessageV1,
} from '@switchboard/contracts';
import type { Bus, ConsumedBatch, OutgoingMessage } from '@switchboard/messaging';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import {
  PermanentSendError,
  RetriableSendError,
  type ChannelSender,
  type SendResult,
} from './channel-sender.port';
import { ChannelSenderRegistry } from './channel-sender.registry';
import { OutboundDispatcher } from './outbound.dispatcher';
import { createOutboundMetrics } from './outbound.metrics';
import { Registry } from 'prom-client';

const topics = topicNames('t.');

function recordingBus() {
  const published: Array<{ topic: string; message: OutgoingMessage }> = [];
  const bus = {
    publish: (topic: string, messages: OutgoingMessage[]) => {
      for (const message of messages) published.push({ topic, message });
      return Promise.resolve();
    },
  } as unknown as Bus;
  const on = (topic: string) =>
    published
      .filter((p) => p.topic === topic)
      .map((p) => JSON.parse(String(p.message.value)) as Record<string, unknown>);
  return { bus, published, on };
}

const record = (
  messageId: string,
  conversationId = 'c1',
  channel: OutboundMessageV1['channel'] = 'whatsapp',
): OutboundMessageV1 => ({
  schema: OUTBOUND_MESSAGE_V1,
  tenantId: 'tenant-1',
  conversationId,
  messageId,
  agentId: 'alice',
  channel,
  inboxId: null,
  to: { address: '+15550001' },
  threadKey: null,
  inReplyTo: null,
  subject: null,
  body: `body of ${messageId}`,
  html: null,
  createdAt: '2026-12-04T10:00:00.000Z',
});

function batch(values: Array<OutboundMessageV1 | string>): ConsumedBatch {
  return {
    topic: topics.outbound,
    partition: 0,
    heartbeat: () => Promise.resolve(),
    messages: values.map((value, i) => ({
      topic: topics.outbound,
      partition: 0,
      offset: String(i),
      key: typeof value === 'string' ? 'k' : value.conversationId,
      value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
      headers: {},
    })),
  };
}

/** A sender whose answers per message id are scripted: errors in order, then success. */
class ScriptedSender implements ChannelSender {
  readonly channel = 'whatsapp' as const;
  readonly calls: string[] = [];
  constructor(private readonly script: Record<string, Error[]> = {}) {}

  send(message: OutboundMessageV1): Promise<SendResult> {
    this.calls.push(message.messageId);
    const error = this.script[message.messageId]?.shift();
    if (error) return Promise.reject(error);
    return Promise.resolve({ providerMessageId: `wamid.${message.messageId}`, status: 'sent' });
  }
}

function dispatcher(
  bus: Bus,
  sender: ChannelSender | undefined,
  wait: (ms: number) => Promise<void> = () => Promise.resolve(),
) {
  const registry = new ChannelSenderRegistry();
  if (sender) registry.register(sender);
  const waits: number[] = [];
  const metricsRegistry = new Registry();
  const metrics = createOutboundMetrics(metricsRegistry);
  const d = new OutboundDispatcher({
    metrics,
    bus,
    topics,
    groupId: 'g',
    registry,
    retry: { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1_000, budgetMs: 60_000 },
    concurrency: 4,
    logger: pino({ level: 'silent' }),
    now: () => Date.parse('2026-12-04T10:00:01.000Z'),
    random: () => 0.5,
    wait: (ms) => {
      waits.push(ms);
      return wait(ms);
    },
  });
  return { d, waits, metrics: metricsRegistry };
}

describe('outbound dispatcher', () => {
  it('sends a reply and reports it sent, keyed by tenant, on the router’s input', async () => {
    const { bus, published, on } = recordingBus();
    const sender = new ScriptedSender();
    await dispatcher(bus, sender).d.handleBatch(batch([record('m1')]));
    expect(sender.calls).toEqual(['m1']);
    expect(published.find((p) => p.topic === topics.agentCommands)?.message.key).toBe('tenant-1');
    expect(on(topics.agentCommands)).toEqual([
      {
        schema: DELIVERY_STATUS_V1,
        by: 'message',
        tenantId: 'tenant-1',
        messageId: 'm1',
        status: 'sent',
        providerMessageId: 'wamid.m1',
        at: '2026-12-04T10:00:01.000Z',
      },
    ]);
    expect(on(topics.deadLetter)).toEqual([]);
  });

  it('retries retriable failures with backoff, honouring Retry-After, and sends once', async () => {
    const { bus, on } = recordingBus();
    const sender = new ScriptedSender({
      m1: [new Error('socket hang up'), new RetriableSendError('429', 3_000)],
    });
    const { d, waits, metrics } = dispatcher(bus, sender);
    await d.handleBatch(batch([record('m1')]));
    expect(sender.calls).toEqual(['m1', 'm1', 'm1']);
    expect(waits).toEqual([50, 3_000]);
    const text = await metrics.metrics();
    expect(text).toContain('switchboard_outbound_retries_total{channel="whatsapp"} 2');
    expect(text).toContain('switchboard_outbound_sends_total{channel="whatsapp",outcome="sent"} 1');
    expect(on(topics.agentCommands)).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it('fails and dead-letters a poison send at once, with the reason', async () => {
    const { bus, on } = recordingBus();
    const sender = new ScriptedSender({ m1: [new PermanentSendError('HTTP 400: invalid recipient')] });
    const { d, waits } = dispatcher(bus, sender);
    await d.handleBatch(batch([record('m1')]));
    expect(sender.calls).toEqual(['m1']);
    expect(waits).toEqual([]);
    expect(on(topics.agentCommands)).toEqual([
      expect.objectContaining({ status: 'failed', reason: 'SEND_REFUSED: HTTP 400: invalid recipient' }),
    ]);
    expect(on(topics.deadLetter)).toEqual([
      expect.objectContaining({ code: 'SEND_REFUSED', reason: 'HTTP 400: invalid recipient' }),
    ]);
  });

  it('fails and dead-letters a send whose retries are exhausted', async () => {
    const { bus, on } = recordingBus();
    const down = () => new RetriableSendError('HTTP 503');
    const sender = new ScriptedSender({ m1: [down(), down(), down(), down(), down()] });
    await dispatcher(bus, sender).d.handleBatch(batch([record('m1')]));
    expect(sender.calls).toHaveLength(4);
    expect(on(topics.deadLetter)).toEqual([
      expect.objectContaining({
        code: 'SEND_RETRIES_EXHAUSTED',
        reason: 'Gave up after 4 attempts: HTTP 503',
      }),
    ]);
    expect(on(topics.agentCommands)).toEqual([expect.objectContaining({ status: 'failed' })]);
  });

  it('dead-letters records it cannot read or has no sender for', async () => {
    const { bus, on } = recordingBus();
    await dispatcher(bus, new ScriptedSender()).d.handleBatch(
      batch(['{"not":', JSON.stringify({ ...record('m1'), body: 7 }), record('m2', 'c2', 'voice')]),
    );
    expect(on(topics.deadLetter).map((d) => d.code)).toEqual([
      'INVALID_JSON',
      'VALIDATION_FAILED',
      'NO_SENDER',
    ]);
    expect(on(topics.agentCommands)).toEqual([
      expect.objectContaining({ messageId: 'm2', status: 'failed' }),
    ]);
  });

  it('keeps one conversation’s replies in order and lets other conversations pass one that is retrying', async () => {
    const { bus, on } = recordingBus();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const sender = new ScriptedSender({ a1: [new RetriableSendError('HTTP 503')] });
    const handled = dispatcher(bus, sender, () => held).d.handleBatch(
      batch([record('a1', 'conv-a'), record('a2', 'conv-a'), record('b1', 'conv-b'), record('b2', 'conv-b')]),
    );
    // conv-a waits to retry a1; conv-b is sent and reported meanwhile, and a2 is not sent before a1.
    await expect.poll(() => on(topics.agentCommands).map((r) => r.messageId)).toEqual(['b1', 'b2']);
    expect(sender.calls).not.toContain('a2');
    release();
    await handled;
    expect(sender.calls.filter((id) => id.startsWith('a'))).toEqual(['a1', 'a1', 'a2']);
    expect(on(topics.agentCommands).map((r) => r.messageId)).toEqual(['b1', 'b2', 'a1', 'a2']);
  });

  it('reports again, without sending again, when a batch is redelivered to the same process', async () => {
    const { bus, on } = recordingBus();
    const sender = new ScriptedSender();
    const { d } = dispatcher(bus, sender);
    await d.handleBatch(batch([record('m1')]));
    await d.handleBatch(batch([record('m1')]));
    expect(sender.calls).toEqual(['m1']);
    expect(on(topics.agentCommands)).toHaveLength(2);
  });
});
