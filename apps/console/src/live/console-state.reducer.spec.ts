import type { ConsoleEvent } from '@switchboard/contracts/console-event.schema';
import type { AgentSnapshot, SupervisorSnapshot } from '@switchboard/contracts/console-snapshot.schema';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATE, reduceConsole, type ConsoleState } from './console-state.reducer';

const T = 't-1';
const ME = 'agent-me';
const AT = '2026-12-04T20:00:00.000Z';

const agentSnapshot: AgentSnapshot = {
  role: 'agent',
  tenantId: T,
  headSeq: 10,
  agent: { agentId: ME, name: 'Me', status: 'available', capacity: 3 },
  offers: [],
  conversations: [
    {
      conversationId: 'c-1',
      customerId: 'cu-1',
      customerName: 'Ada',
      channel: 'email',
      queueId: 'q-1',
      status: 'assigned',
      assignedAt: AT,
      lastMessageAt: AT,
      lastMessagePreview: 'hi',
      sla: { target: 'nextResponse', deadline: AT, state: 'running' },
    },
  ],
};

const fold = (state: ConsoleState, ...events: ConsoleEvent[]): ConsoleState =>
  events.reduce((s, event) => reduceConsole(s, { kind: 'event', event }), state);

const offer = (seq: number, agentId: string, offerId = `o-${seq}`): ConsoleEvent => ({
  type: 'offer.created',
  tenantId: T,
  seq,
  at: AT,
  offerId,
  conversationId: `c-${offerId}`,
  agentId,
  channel: 'chat',
  expiresAt: AT,
  preview: 'Hello',
  reason: { rule: 'longest-idle' },
});

describe('reduceConsole', () => {
  const start = reduceConsole(EMPTY_STATE, { kind: 'snapshot', snapshot: agentSnapshot });

  it("keeps an agent's own offers, not a colleague's, and turns an accepted one into a conversation", () => {
    const state = fold(start, offer(11, ME), offer(12, 'someone-else'), {
      type: 'assignment.created',
      tenantId: T,
      seq: 13,
      at: AT,
      assignmentId: 'a-1',
      offerId: 'o-11',
      conversationId: 'c-o-11',
      agentId: ME,
    });
    expect(state.offers).toEqual([]);
    expect(state.conversations.map((c) => [c.conversationId, c.channel, c.lastMessagePreview])).toEqual([
      ['c-1', 'email', 'hi'],
      ['c-o-11', 'chat', 'Hello'],
    ]);
    expect(state.headSeq).toBe(13);
  });

  it('opens the conversation of an accepted offer with its preview, before the assignment event', () => {
    const state = fold(start, offer(11, ME), {
      type: 'offer.closed',
      tenantId: T,
      seq: 12,
      at: AT,
      offerId: 'o-11',
      conversationId: 'c-o-11',
      agentId: ME,
      outcome: 'accepted',
    });
    expect(state.offers).toEqual([]);
    expect(state.conversations[1]).toMatchObject({
      conversationId: 'c-o-11',
      channel: 'chat',
      lastMessagePreview: 'Hello',
    });
  });

  it("learns an opened conversation's customer from its REST detail", () => {
    const opened = fold(start, offer(11, ME), {
      type: 'assignment.created',
      tenantId: T,
      seq: 12,
      at: AT,
      assignmentId: 'a-1',
      offerId: 'o-11',
      conversationId: 'c-o-11',
      agentId: ME,
    });
    const state = reduceConsole(opened, {
      kind: 'customer-known',
      conversationId: 'c-o-11',
      customerId: 'cu-9',
      customerName: 'Grace',
    });
    expect(state.conversations[1]).toMatchObject({ customerId: 'cu-9', customerName: 'Grace' });
  });

  it('drops a closed offer', () => {
    const state = fold(start, offer(11, ME), {
      type: 'offer.closed',
      tenantId: T,
      seq: 12,
      at: AT,
      offerId: 'o-11',
      conversationId: 'c-o-11',
      agentId: ME,
      outcome: 'expired',
    });
    expect(state.offers).toEqual([]);
  });

  it('colours the SLA badge from live sla events and lists breaches', () => {
    const breached: ConsoleEvent = {
      type: 'sla.breached',
      tenantId: T,
      seq: 11,
      at: AT,
      conversationId: 'c-1',
      agentId: ME,
      queueId: 'q-1',
      target: 'nextResponse',
      deadline: AT,
      elapsedMs: 10,
      targetMs: 5,
    };
    const state = fold(start, breached);
    expect(state.conversations[0].sla?.state).toBe('breached');
    expect(state.breaches[0]).toMatchObject({ conversationId: 'c-1', target: 'nextResponse' });
  });

  it('appends a pushed message once and tracks its delivery', () => {
    const message: ConsoleEvent = {
      type: 'message.new',
      tenantId: T,
      seq: 11,
      at: AT,
      conversationId: 'c-1',
      messageId: 'm-1',
      direction: 'outbound',
      author: 'agent',
      agentId: ME,
      channel: 'email',
      body: 'On it',
      clientMessageId: null,
    };
    const state = fold(
      start,
      message,
      { ...message, seq: 12 },
      {
        type: 'delivery.status',
        tenantId: T,
        seq: 13,
        at: AT,
        conversationId: 'c-1',
        messageId: 'm-1',
        agentId: ME,
        status: 'delivered',
        reason: null,
      },
    );
    expect(state.messages['c-1'].map((m) => m.body)).toEqual(['On it']);
    expect(state.conversations[0].lastMessagePreview).toBe('On it');
    expect(state.deliveries['m-1']).toBe('delivered');
  });

  it('releases a conversation that is resolved or transferred to someone else', () => {
    const update = (change: 'resolved' | 'transferred', agentId: string | null): ConsoleEvent => ({
      type: 'conversation.updated',
      tenantId: T,
      seq: 11,
      at: AT,
      conversationId: 'c-1',
      change,
      agentId,
      queueId: 'q-2',
      channel: 'email',
      detail: {},
    });
    expect(fold(start, update('resolved', ME)).conversations).toEqual([]);
    expect(fold(start, update('transferred', 'other')).conversations).toEqual([]);
    expect(fold(start, update('transferred', ME)).conversations[0].queueId).toBe('q-2');
  });

  it("replaces a supervisor's queue rows from queue.stats, keeping the names from the snapshot", () => {
    const snapshot: SupervisorSnapshot = {
      role: 'supervisor',
      tenantId: T,
      headSeq: 3,
      queues: [
        {
          queueId: 'q-1',
          name: 'Support',
          waiting: 0,
          longestWaitMs: 0,
          serviceLevelToday: null,
          asaTodayMs: null,
          answeredToday: 0,
          abandonedToday: 0,
        },
      ],
      agents: [{ agentId: 'a', name: 'Ann', status: 'available', load: 0, capacity: 2, connected: true }],
      breaches: [],
    };
    const state = fold(reduceConsole(EMPTY_STATE, { kind: 'snapshot', snapshot }), {
      type: 'queue.stats',
      tenantId: T,
      seq: null,
      at: AT,
      queues: [{ ...snapshot.queues[0], waiting: 4, longestWaitMs: 9000 }],
      agents: [{ agentId: 'a', status: 'busy', load: 2, capacity: 2 }],
    });
    expect(state.queues[0]).toMatchObject({ name: 'Support', waiting: 4, longestWaitMs: 9000 });
    expect(state.agents[0]).toMatchObject({ name: 'Ann', status: 'busy', load: 2, connected: true });
    expect(state.headSeq).toBe(3);
  });

  it('adds an agent the supervisor snapshot did not list when their presence arrives, and updates it after', () => {
    const snapshot: SupervisorSnapshot = {
      role: 'supervisor',
      tenantId: T,
      headSeq: 0,
      queues: [],
      agents: [],
      breaches: [],
    };
    const presence = (seq: number, status: 'available' | 'away'): ConsoleEvent => ({
      type: 'presence',
      tenantId: T,
      seq,
      at: AT,
      agentId: 'b',
      status,
      connected: null,
      cause: 'agent',
    });
    const state = fold(
      reduceConsole(EMPTY_STATE, { kind: 'snapshot', snapshot }),
      presence(1, 'available'),
      presence(2, 'away'),
    );
    expect(state.agents).toEqual([
      { agentId: 'b', name: 'b', status: 'away', load: 0, capacity: 0, connected: null },
    ]);
  });
});
