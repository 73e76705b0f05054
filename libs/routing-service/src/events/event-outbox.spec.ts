import { OutboundMessageV1Schema, type RoutingEventBody } from '@switchboard/contracts';
import type { Bus, OutgoingMessage } from '@switchboard/messaging';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EventOutbox, type TenantEventLog } from './event-outbox';

/** A bus whose publishes wait until released, recording what went out. */
function heldBus() {
  const published: OutgoingMessage[] = [];
  const waiting: Array<() => void> = [];
  let failNext = false;
  const bus = {
    publish: (_topic: string, messages: OutgoingMessage[]) =>
      new Promise<void>((resolve, reject) =>
        waiting.push(() => {
          if (failNext) {
            failNext = false;
            reject(new Error('broker down'));
            return;
          }
          published.push(...messages);
          resolve();
        }),
      ),
  } as unknown as Bus;
  const releaseOne = async (): Promise<void> => {
    while (waiting.length === 0) await new Promise((r) => setImmediate(r));
    waiting.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { bus, published, releaseOne, failOnce: () => (failNext = true) };
}

const body = (n: number): RoutingEventBody => ({
  type: 'conversation.resolved',
  conversationId: `c${n}`,
  agentId: null,
});

function commit(outbox: EventOutbox, log: TenantEventLog, count: number): void {
  const events = outbox.stamp(
    't1',
    log,
    Array.from({ length: count }, (_, i) => body(log.lastSeq + i + 1)),
    0,
  );
  log.lastSeq += count;
  log.pending.push(...events);
}

const seqs = (published: OutgoingMessage[]) =>
  published.map((m) => (JSON.parse(String(m.value)) as { seq: number }).seq);

describe('event outbox', () => {
  it('publishes events committed while a publish is in flight, in order, none lost or repeated', async () => {
    const { bus, published, releaseOne } = heldBus();
    const outbox = new EventOutbox(bus, 'events', pino({ level: 'silent' }));
    const log: TenantEventLog = { lastSeq: 0, publishedSeq: 0, pending: [], attempts: 0 };
    commit(outbox, log, 2);
    const drained = outbox.drain('t1', log, () => undefined);
    commit(outbox, log, 3); // committed while seq 1-2 are in flight
    expect(outbox.drain('t1', log, () => undefined)).toBe(drained);
    await releaseOne();
    await releaseOne();
    await drained;
    expect(seqs(published)).toEqual([1, 2, 3, 4, 5]);
    expect(log.publishedSeq).toBe(5);
    expect(log.pending).toEqual([]);
  });

  it('keeps events queued when the broker fails, and asks for a retry later', async () => {
    const { bus, published, releaseOne, failOnce } = heldBus();
    const outbox = new EventOutbox(bus, 'events', pino({ level: 'silent' }));
    const log: TenantEventLog = { lastSeq: 0, publishedSeq: 0, pending: [], attempts: 0 };
    commit(outbox, log, 2);
    let retries = 0;
    failOnce();
    const drained = outbox.drain('t1', log, () => retries++);
    await releaseOne();
    await drained;
    clearTimeout(log.retry);
    expect(published).toEqual([]);
    expect(log.pending).toHaveLength(2);
    expect(log.publishedSeq).toBe(0);
    const again = outbox.drain('t1', log, () => retries++);
    await releaseOne();
    await again;
    expect(seqs(published)).toEqual([1, 2]);
    expect(log.publishedSeq).toBe(2);
  });

  it('publishes after an earlier drain found nothing to publish', async () => {
    const { bus, published, releaseOne } = heldBus();
    const outbox = new EventOutbox(bus, 'events', pino({ level: 'silent' }));
    const log: TenantEventLog = { lastSeq: 0, publishedSeq: 0, pending: [], attempts: 0 };
    await outbox.drain('t1', log, () => undefined);
    commit(outbox, log, 1);
    const drained = outbox.drain('t1', log, () => undefined);
    await releaseOne();
    await drained;
    expect(seqs(published)).toEqual([1]);
  });
});

describe('event outbox: replies', () => {
  const reply: RoutingEventBody = {
    type: 'reply.created',
    conversationId: 'conv-1',
    messageId: 'm1',
    agentId: 'alice',
    clientMessageId: 'client-1',
    channel: 'whatsapp',
    inboxId: null,
    to: { address: '+15550001' },
    threadKey: null,
    inReplyTo: 'wamid.in',
    subject: null,
    body: 'Hello',
    html: null,
    status: 'queued',
  };

  it('publishes each committed reply as an outbound record keyed by conversation, after the events', async () => {
    const sent: Array<{ topic: string; messages: OutgoingMessage[] }> = [];
    const bus = {
      publish: (topic: string, messages: OutgoingMessage[]) => {
        sent.push({ topic, messages });
        return Promise.resolve();
      },
    } as unknown as Bus;
    const outbox = new EventOutbox(bus, 'events', pino({ level: 'silent' }), 'outbound');
    const log: TenantEventLog = { lastSeq: 0, publishedSeq: 0, pending: [], attempts: 0 };
    const events = outbox.stamp('t1', log, [body(1), reply], Date.parse('2026-12-04T10:00:00.000Z'));
    log.lastSeq = 2;
    log.pending.push(...events);
    await outbox.drain('t1', log, () => undefined);
    expect(sent.map((s) => [s.topic, s.messages.length])).toEqual([
      ['events', 2],
      ['outbound', 1],
    ]);
    const [record] = sent[1].messages;
    expect(record.key).toBe('conv-1');
    expect(OutboundMessageV1Schema.parse(JSON.parse(String(record.value)))).toMatchObject({
      tenantId: 't1',
      conversationId: 'conv-1',
      messageId: 'm1',
      channel: 'whatsapp',
      to: { address: '+15550001' },
      inReplyTo: 'wamid.in',
      body: 'Hello',
      createdAt: '2026-12-04T10:00:00.000Z',
    });
    expect(log.publishedSeq).toBe(2);
  });

  it('keeps the round pending when the outbound publish fails, so the reply is not lost', async () => {
    let failOutbound = true;
    const bus = {
      publish: (topic: string) =>
        topic === 'outbound' && failOutbound ? Promise.reject(new Error('broker down')) : Promise.resolve(),
    } as unknown as Bus;
    const outbox = new EventOutbox(bus, 'events', pino({ level: 'silent' }), 'outbound');
    const log: TenantEventLog = { lastSeq: 0, publishedSeq: 0, pending: [], attempts: 0 };
    log.pending.push(...outbox.stamp('t1', log, [reply], 0));
    log.lastSeq = 1;
    await outbox.drain('t1', log, () => undefined);
    clearTimeout(log.retry);
    expect(log.pending).toHaveLength(1);
    expect(log.publishedSeq).toBe(0);
    failOutbound = false;
    await outbox.drain('t1', log, () => undefined);
    expect(log.pending).toHaveLength(0);
    expect(log.publishedSeq).toBe(1);
  });
});
