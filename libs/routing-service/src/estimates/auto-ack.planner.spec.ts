import { INBOUND_CONTACT_V1, RoutingEventV1Schema, type InboundContactV1 } from '@switchboard/contracts';
import type { WaitContext } from '@switchboard/routing-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannedMessage } from '../intake/intake.planner';
import { WriteSet } from '../write/write-set';
import {
  DEFAULT_AUTO_ACK_TEMPLATE,
  DEFAULT_AUTO_ACK_UNKNOWN,
  planAutoAcks,
  spokenWait,
  type AutoAckContext,
} from './auto-ack.planner';

const NOW = Date.parse('2026-12-04T12:00:00.000Z');

function record(overrides: Partial<InboundContactV1> = {}): InboundContactV1 {
  return {
    schema: INBOUND_CONTACT_V1,
    tenantId: 't1',
    channel: 'chat',
    channelMessageId: 'm-1',
    from: { address: 'visitor-1' },
    body: 'Hello',
    sentAt: new Date(NOW - 2000).toISOString(),
    receivedAt: new Date(NOW - 1000).toISOString(),
    ...overrides,
  };
}

function planned(overrides: Partial<PlannedMessage> = {}): PlannedMessage {
  return {
    record: record(),
    messageId: 'msg-1',
    conversationId: 'conv-1',
    customerId: 'cust-1',
    opened: true,
    reopened: null,
    newCustomer: true,
    queueId: 'q1',
    slaDeadline: null,
    ...overrides,
  };
}

function context(wait: WaitContext | undefined, handleTimeMs: number | null): AutoAckContext {
  let n = 0;
  return {
    waitContextOf: () => wait,
    handleTimeMs: () => handleTimeMs,
    settings: {
      channels: new Set(['chat']),
      template: DEFAULT_AUTO_ACK_TEMPLATE,
      unknownText: DEFAULT_AUTO_ACK_UNKNOWN,
    },
    newId: () => `id-${++n}`,
    now: NOW,
  };
}

describe('planAutoAcks', () => {
  it('tells a waiting chat visitor the estimate and stores the prediction with the arrival time', () => {
    const set = new WriteSet();
    // Third in line, 2 agents x 2 slots, none free, 4 min handle time: 3 releases x 240 s / 4 slots = 180 s.
    const wait = { position: 3, agentsServing: 2, slots: 4, freeSlots: 0 };
    expect(planAutoAcks([planned()], context(wait, 240_000), set)).toBe(1);
    expect(set.systemMessages).toEqual([
      expect.objectContaining({
        conversationId: 'conv-1',
        kind: 'auto-ack',
        channelMessageId: 'auto-ack:msg-1',
        body: "Thanks for your message. We'll be with you in about 3 minutes.",
      }),
    ]);
    expect(set.waitEstimates).toEqual([
      expect.objectContaining({ predictedMs: 180_000, arrivedAt: NOW - 1000, madeAt: NOW, queueId: 'q1' }),
    ]);
    const [event] = set.events;
    expect(event).toMatchObject({
      type: 'reply.created',
      kind: 'auto-ack',
      agentId: null,
      to: { address: 'visitor-1' },
    });
    // The event is a valid routing event once the outbox stamps its envelope.
    const stamped = {
      ...event,
      schema: 'switchboard.routing-event.v1',
      eventId: 'e1',
      tenantId: 't1',
      seq: 1,
      at: new Date(NOW).toISOString(),
    };
    expect(RoutingEventV1Schema.safeParse(stamped).success).toBe(true);
  });

  it('says so honestly when nobody serves the queue, and stores the prediction without a number', () => {
    const set = new WriteSet();
    planAutoAcks(
      [planned()],
      context({ position: 1, agentsServing: 0, slots: 0, freeSlots: 0 }, 60_000),
      set,
    );
    expect(set.systemMessages[0]?.body).toBe(DEFAULT_AUTO_ACK_UNKNOWN);
    expect(set.waitEstimates[0]?.predictedMs).toBeNull();
  });

  it('sends nothing for a conversation offered at once, a follow-up message, or a channel not enabled', () => {
    const set = new WriteSet();
    const wait = { position: 1, agentsServing: 1, slots: 1, freeSlots: 0 };
    planAutoAcks([planned()], context(undefined, 1000), set);
    planAutoAcks([planned({ opened: false })], context(wait, 1000), set);
    planAutoAcks([planned({ record: record({ channel: 'email' }) })], context(wait, 1000), set);
    expect(set.isEmpty()).toBe(true);
  });
});

describe('spokenWait', () => {
  it('rounds up to whole minutes and never promises less than the estimate', () => {
    expect(spokenWait(0)).toBe('less than a minute');
    expect(spokenWait(60_000)).toBe('about 1 minute');
    expect(spokenWait(60_001)).toBe('about 2 minutes');
    fc.assert(
      fc.property(fc.integer({ min: 60_000, max: 10 * 3_600_000 }), (ms) => {
        const minutes = Number(/about (\d+) minute/.exec(spokenWait(ms))?.[1]);
        expect(minutes * 60_000).toBeGreaterThanOrEqual(ms);
        expect((minutes - 1) * 60_000).toBeLessThan(ms);
      }),
    );
  });
});
