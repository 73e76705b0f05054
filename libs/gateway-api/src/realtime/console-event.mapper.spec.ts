import { ConsoleEventSchema, RoutingEventV1Schema, type RoutingEventType } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consoleAudience, routeConsoleEvent, toConsoleEvent } from './console-event.mapper';
import { ROUTING_EVENT_TYPES, routingEventOf } from './routing-event.fixture';

const expected: Record<RoutingEventType, string | null> = {
  'conversation.queued': 'conversation.updated:queued',
  'conversation.reopened': 'conversation.updated:reopened',
  'message.received': 'message.new',
  'offer.created': 'offer.created',
  'offer.closed': 'offer.closed',
  'assignment.created': 'assignment.created',
  'conversation.resolved': 'conversation.updated:resolved',
  'conversation.abandoned': 'conversation.updated:abandoned',
  'conversation.noted': 'message.new',
  'conversation.wrapped-up': 'conversation.updated:wrapped-up',
  'agent.status-changed': 'presence',
  'command.rejected': null,
  'reply.created': 'message.new',
  'delivery.status': 'delivery.status',
  'conversation.transferred': 'conversation.updated:transferred',
  'conversation.awaiting-customer': 'conversation.updated:awaiting-customer',
  'sla.warning': 'sla.warning',
  'sla.breached': 'sla.breached',
  'sla.met': null,
  'follow-up.scheduled': 'conversation.updated:follow-up-scheduled',
  'follow-up.cancelled': 'conversation.updated:follow-up-cancelled',
  'follow-up.due': 'conversation.updated:follow-up-due',
  'csat.received': 'conversation.updated:csat-received',
};

describe('toConsoleEvent', () => {
  it.each(ROUTING_EVENT_TYPES)('maps %s to a valid console event (or nothing)', (type) => {
    const event = RoutingEventV1Schema.parse(routingEventOf(type, { seq: 42 }));
    const mapped = toConsoleEvent(event);
    if (expected[type] === null) return expect(mapped).toBeNull();
    const parsed = ConsoleEventSchema.parse(mapped);
    const label = parsed.type === 'conversation.updated' ? `${parsed.type}:${parsed.change}` : parsed.type;
    expect(label).toBe(expected[type]);
    expect(parsed).toMatchObject({ tenantId: 't1', seq: 42, at: event.at });
  });

  it('marks an inbound message as the customer and a reply as its kind of author', () => {
    expect(toConsoleEvent(routingEventOf('message.received'))).toMatchObject({
      direction: 'inbound',
      author: 'customer',
      body: 'Hello',
      clientMessageId: null,
    });
    expect(
      toConsoleEvent(routingEventOf('reply.created', { kind: 'csat-survey', agentId: null })),
    ).toMatchObject({ direction: 'outbound', author: 'csat-survey', agentId: null });
    const { kind: _kind, ...legacy } = routingEventOf('reply.created');
    expect(toConsoleEvent(legacy)).toMatchObject({ author: 'agent', clientMessageId: 'x1' });
  });

  it('carries the facts of each conversation change in its detail', () => {
    expect(toConsoleEvent(routingEventOf('conversation.transferred'))).toMatchObject({
      agentId: 'a1',
      queueId: 'q2',
      detail: { fromQueueId: 'q1', toQueueId: 'q2', cause: 'agent', note: 'billing question' },
    });
    expect(toConsoleEvent(routingEventOf('csat.received'))).toMatchObject({
      queueId: 'q1',
      channel: 'chat',
      detail: { score: 5, comment: null },
    });
    expect(toConsoleEvent(routingEventOf('conversation.reopened'))).toMatchObject({
      agentId: 'a1',
      detail: { resolvedAt: '2026-12-05T09:00:00.000Z' },
    });
  });

  it('turns a status change into durable presence, keeping its seq and cause', () => {
    expect(toConsoleEvent(routingEventOf('agent.status-changed', { seq: 7 }))).toEqual({
      type: 'presence',
      tenantId: 't1',
      seq: 7,
      at: '2026-12-05T10:00:00.000Z',
      agentId: 'a1',
      status: 'away',
      connected: null,
      cause: 'missed-offers',
    });
  });

  it('keeps the tenant and seq of any event it maps', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUTING_EVENT_TYPES),
        fc.stringMatching(/^[a-z0-9-]{1,20}$/),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (type, tenantId, seq) => {
          const mapped = toConsoleEvent(routingEventOf(type, { tenantId, seq }));
          return mapped === null || (mapped.tenantId === tenantId && mapped.seq === seq);
        },
      ),
    );
  });
});

describe('consoleAudience', () => {
  it('names the agent the event log indexes, or none', () => {
    expect(consoleAudience(routingEventOf('offer.created')).agentId).toBe('a1');
    expect(consoleAudience(routingEventOf('conversation.queued')).agentId).toBeNull();
    // The previous agent of a reopened conversation is told through its offer, like any other agent.
    expect(consoleAudience(routingEventOf('conversation.reopened')).agentId).toBeNull();
  });

  it('names both queues of a transfer, and none for events without a queue', () => {
    expect(consoleAudience(routingEventOf('conversation.transferred')).queueIds).toEqual(['q1', 'q2']);
    expect(consoleAudience(routingEventOf('sla.breached')).queueIds).toEqual(['q1']);
    expect(consoleAudience(routingEventOf('conversation.queued', { queueId: null })).queueIds).toEqual([]);
    expect(consoleAudience(routingEventOf('offer.created')).queueIds).toEqual([]);
  });
});

describe('routeConsoleEvent', () => {
  it("sends an agent's event to their room and the tenant's supervisors, a queue's also to its watchers", () => {
    expect(routeConsoleEvent(routingEventOf('offer.created'))?.rooms).toEqual([
      't:t1:console:agent:a1',
      't:t1:console:tenant',
    ]);
    expect(routeConsoleEvent(routingEventOf('conversation.transferred'))?.rooms).toEqual([
      't:t1:console:agent:a1',
      't:t1:console:tenant',
      't:t1:console:queue:q1',
      't:t1:console:queue:q2',
    ]);
  });

  it('sends presence to every supervisor, whatever they watch, and nothing for unmapped events', () => {
    expect(routeConsoleEvent(routingEventOf('agent.status-changed'))?.rooms).toEqual([
      't:t1:console:agent:a1',
      't:t1:console:supervisors',
    ]);
    expect(routeConsoleEvent(routingEventOf('sla.met'))).toBeNull();
  });

  it("never names a room of another tenant than the event's", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROUTING_EVENT_TYPES),
        fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        (type, tenantId) => {
          const routed = routeConsoleEvent(routingEventOf(type, { tenantId }));
          return routed === null || routed.rooms.every((room) => room.startsWith(`t:${tenantId}:console:`));
        },
      ),
    );
  });
});
