// A reopened conversation goes back to the routing core preferring the agent who had it: they get the offer
// when they can take it, and otherwise the queue's strategy decides at once, so it never waits for them.
import { INBOUND_CONTACT_V1, type InboundContactV1 } from '@switchboard/contracts';
import type { AgentInput } from '@switchboard/routing-core';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { defaultQueueInput } from '../engine/routing-input.mapper';
import { TenantRouter } from '../engine/tenant-router';
import { WriteSet } from '../write/write-set';
import { routeArrivals } from './arrivals';
import type { PlannedMessage } from './intake.planner';

const NOW = Date.parse('2026-12-04T10:00:00.000Z');
const logger = pino({ level: 'silent' });

const agent = (id: string, status: AgentInput['status']): AgentInput => ({
  id,
  tenantId: 't1',
  skills: [],
  capacity: { chat: 1, email: 1, social: 1, voice: 1 },
  status,
});

function routerWith(...agents: AgentInput[]): TenantRouter {
  const router = new TenantRouter('t1', () => NOW);
  router.apply([
    { type: 'upsertQueue', queue: defaultQueueInput('t1', 30_000) },
    ...agents.map((a) => ({ type: 'upsertAgent' as const, agent: a })),
  ]);
  return router;
}

const record: InboundContactV1 = {
  schema: INBOUND_CONTACT_V1,
  tenantId: 't1',
  channel: 'email',
  channelMessageId: 'm-2',
  from: { address: 'ana@example.com' },
  body: 'it broke again',
  sentAt: new Date(NOW).toISOString(),
  receivedAt: new Date(NOW).toISOString(),
};

const reopened: PlannedMessage = {
  record,
  messageId: 'msg-2',
  conversationId: 'conv-1',
  customerId: 'cust-1',
  opened: false,
  reopened: { previousAgentId: 'agent-1', offerAttempts: 2, resolvedAt: NOW - 60_000 },
  newCustomer: false,
  queueId: null,
  slaDeadline: null,
};

function route(router: TenantRouter, set = new WriteSet()) {
  const decisions = routeArrivals({ tenantId: 't1', router }, [reopened], new Map(), set, logger);
  return { decisions, set };
}

describe('routeArrivals for a reopened conversation', () => {
  it('offers it to the previous agent, numbering the offer after the ones it had, and announces the reopen', () => {
    const { decisions, set } = route(
      routerWith(agent('agent-2', 'available'), agent('agent-1', 'available')),
    );
    expect(decisions).toMatchObject([
      { type: 'offer', contactId: 'conv-1', agentId: 'agent-1', offerId: 'conv-1:3' },
    ]);
    expect(set.events.map((e) => e.type)).toEqual(['conversation.reopened', 'message.received']);
    expect(set.events[0]).toMatchObject({
      conversationId: 'conv-1',
      previousAgentId: 'agent-1',
      resolvedAt: new Date(NOW - 60_000).toISOString(),
    });
  });

  it('goes to another agent at once when the previous one is offline', () => {
    const { decisions } = route(routerWith(agent('agent-1', 'offline'), agent('agent-2', 'available')));
    expect(decisions).toMatchObject([{ type: 'offer', agentId: 'agent-2' }]);
  });

  it('goes to another agent at once when the previous one is full', () => {
    const router = routerWith(agent('agent-1', 'available'), agent('agent-2', 'available'));
    // agent-1's one email slot is taken by another customer's conversation.
    router.apply([
      {
        type: 'contactArrived',
        contact: {
          id: 'other',
          tenantId: 't1',
          channel: 'email',
          queueId: 'default',
          preferredAgentId: 'agent-1',
        },
      },
    ]);
    expect(router.ownerOf('other')?.agentId).toBe('agent-1');
    const { decisions } = route(router);
    expect(decisions).toMatchObject([{ type: 'offer', agentId: 'agent-2' }]);
  });

  it('waits in the queue when nobody can take it, and the previous agent gets it on coming back', () => {
    const router = routerWith(agent('agent-1', 'offline'));
    expect(route(router).decisions).toEqual([]);
    const back = router.apply([{ type: 'setAgentStatus', agentId: 'agent-1', status: 'available' }]);
    expect(back.decisions).toMatchObject([{ type: 'offer', contactId: 'conv-1', agentId: 'agent-1' }]);
  });
});
