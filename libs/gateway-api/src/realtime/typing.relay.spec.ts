import type { AppConfig } from '@switchboard/config';
import { TYPING_SIGNAL_V1 } from '@switchboard/contracts';
import type { Bus, OutgoingMessage } from '@switchboard/messaging';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { TypingRelay, type TypingSignal } from './typing.relay';

const signal: TypingSignal = {
  from: 'visitor',
  tenantId: 't1',
  agentId: 'a1',
  conversationId: 'c1',
  visitorId: 'v1',
  typing: true,
};

function setup(kind: 'kafka' | 'in-process', publish: Bus['publish']) {
  const config = { bus: { kind, partitions: 3 }, topics: { typing: 'typing' }, http: { port: 0 } };
  const relay = new TypingRelay(
    { publish } as Bus,
    config as unknown as AppConfig,
    pino({ level: 'silent' }),
  );
  const seen: TypingSignal[] = [];
  relay.addListener((s) => seen.push(s));
  return { relay, seen };
}

const record = (value: object) => ({ messages: [{ value: Buffer.from(JSON.stringify(value)) }] }) as never;

describe('typing relay', () => {
  it('shows a signal here at once and publishes it for the other gateways without waiting', () => {
    const published: OutgoingMessage[] = [];
    const { relay, seen } = setup('kafka', (_topic, messages) => {
      published.push(...messages);
      return new Promise(() => undefined); // a broker that never answers
    });
    relay.publish(signal, new Date('2026-12-04T10:00:00.000Z'));
    expect(seen).toEqual([signal]);
    expect(published).toHaveLength(1);
    expect(JSON.parse(String(published[0].value))).toMatchObject({
      schema: TYPING_SIGNAL_V1,
      ...signal,
      at: '2026-12-04T10:00:00.000Z',
    });
    expect(published[0].key).toBe('t1');
  });

  it('drops signals beyond the publishes in flight instead of queueing them', () => {
    let calls = 0;
    const { relay, seen } = setup('kafka', () => {
      calls++;
      return new Promise(() => undefined);
    });
    for (let i = 0; i < 600; i++) relay.publish(signal);
    expect(calls).toBe(500);
    expect(seen).toHaveLength(600);
  });

  it('keeps signals in the process on the embedded bus', () => {
    let calls = 0;
    const { relay, seen } = setup('in-process', () => {
      calls++;
      return Promise.resolve();
    });
    relay.publish(signal);
    expect(seen).toEqual([signal]);
    expect(calls).toBe(0);
  });

  it("delivers another gateway's signal, and skips its own, stale and malformed ones", async () => {
    let own: unknown;
    const { relay, seen } = setup('kafka', (_topic, messages) => {
      own = JSON.parse(String(messages[0].value));
      return Promise.resolve();
    });
    relay.publish(signal, new Date(1_000_000));
    seen.length = 0;
    const now = 1_002_000;
    const at = new Date(1_000_000).toISOString();
    const other = { schema: TYPING_SIGNAL_V1, ...signal, at, origin: 'gateway-2' };
    await relay.receive(record(own as object), now);
    await relay.receive(record({ ...other, at: new Date(now - 10_000).toISOString() }), now);
    await relay.receive(record({ ...other, typing: 'yes' }), now);
    await relay.receive({ messages: [{ value: Buffer.from('not json') }] } as never, now);
    expect(seen).toEqual([]);
    await relay.receive(record(other), now);
    expect(seen).toEqual([signal]);
  });
});
