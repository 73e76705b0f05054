import type { RoutingEventV1 } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import { mayChangeDepth, queueDepthsOf } from './queue-depths.mapper';

const event = (type: RoutingEventV1['type']): RoutingEventV1 => ({ type }) as RoutingEventV1;

describe('queueDepthsOf', () => {
  it('counts offered contacts as waiting until accepted, and maps the default queue to null', () => {
    expect(
      queueDepthsOf([
        { queueId: 'sales', waiting: 2, offered: 1, assigned: 5, oldestWaitingArrivedAt: 1 },
        { queueId: 'default', waiting: 0, offered: 3, assigned: 0, oldestWaitingArrivedAt: undefined },
      ]),
    ).toEqual([
      { queueId: 'sales', waiting: 3 },
      { queueId: null, waiting: 3 },
    ]);
  });
});

describe('mayChangeDepth', () => {
  it('skips batches of messages, replies and SLA outcomes only', () => {
    expect(mayChangeDepth([event('message.received'), event('reply.created'), event('sla.met')])).toBe(false);
    expect(mayChangeDepth([])).toBe(false);
  });

  it('reads the depths when any event may queue, accept, move or end a contact', () => {
    for (const type of [
      'conversation.queued',
      'conversation.reopened',
      'assignment.created',
      'conversation.resolved',
      'conversation.abandoned',
      'conversation.transferred',
      'agent.status-changed',
    ] as const) {
      expect(mayChangeDepth([event('message.received'), event(type)])).toBe(true);
    }
  });
});
