import { ROUTING_EVENT_V1, type RoutingEventV1 } from '@switchboard/contracts';
import type { TypingRelay, RoutingEventRelay } from '@switchboard/gateway-api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { VisitorsGateway } from '../visitors/visitors.gateway';
import type { QueueStatusReader } from './queue-status.reader';
import { VisitorConversations } from './visitor-conversations';
import { VisitorEventRelay } from './visitor-event.relay';

const envelope = {
  schema: ROUTING_EVENT_V1,
  eventId: 'e',
  tenantId: 't1',
  seq: 1,
  at: '2026-12-04T10:00:00.000Z',
} as const;

function setup() {
  const pushed: Array<{ visitorId: string; event: string; payload: object }> = [];
  const visitors = {
    toVisitor: (_tenant: string, visitorId: string, event: string, payload: object) =>
      pushed.push({ visitorId, event, payload }),
    isHere: () => true,
  } as unknown as VisitorsGateway;
  const reader = {
    agentDisplayName: () => Promise.resolve('Alice'),
    statusOf: (_t: string, conversationId: string) =>
      Promise.resolve({ conversationId, position: 1, estimatedWaitSeconds: 120 }),
  } as unknown as QueueStatusReader;
  const conversations = new VisitorConversations();
  const relay = new VisitorEventRelay(
    {} as RoutingEventRelay,
    {} as TypingRelay,
    visitors,
    conversations,
    reader,
    pino({ level: 'silent' }),
  );
  return { relay, pushed, conversations };
}

const received = (channelMessageId: string, channel: 'chat' | 'email' = 'chat'): RoutingEventV1 => ({
  ...envelope,
  type: 'message.received',
  conversationId: 'c1',
  messageId: 'm1',
  channel,
  channelMessageId,
  body: 'hi',
  sentAt: envelope.at,
  agentId: null,
});

describe('visitor event relay', () => {
  it('binds a chat message to the visitor its channel message id names, and ignores other channels', () => {
    const { relay, pushed, conversations } = setup();
    relay.handle(received('visitor-9:abc', 'email'));
    expect(conversations.get('c1')).toBeUndefined();
    relay.handle(received('visitor-9:abc'));
    expect(conversations.get('c1')).toMatchObject({ visitorId: 'visitor-9', status: 'queued' });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({
      visitorId: 'visitor-9',
      event: 'message.stored',
      payload: { conversationId: 'c1', channelMessageId: 'visitor-9:abc' },
    });
  });

  it('pushes a chat reply to its recipient and remembers it for the receipt', () => {
    const { relay, pushed, conversations } = setup();
    relay.handle({
      ...envelope,
      type: 'reply.created',
      conversationId: 'c1',
      messageId: 'r1',
      agentId: 'a1',
      clientMessageId: null,
      channel: 'chat',
      inboxId: null,
      to: { address: 'visitor-9' },
      threadKey: 'visitor-9',
      inReplyTo: null,
      subject: null,
      body: 'hello',
      html: null,
      status: 'queued',
    });
    expect(pushed[0]).toMatchObject({ visitorId: 'visitor-9', event: 'reply', payload: { body: 'hello' } });
    expect(conversations.ofVisitor('t1', 'visitor-9')?.replies.has('r1')).toBe(true);
  });

  it('tells the visitor who accepted them, and forgets the conversation once resolved', async () => {
    const { relay, pushed, conversations } = setup();
    relay.handle(received('visitor-9:abc'));
    relay.handle({
      ...envelope,
      type: 'assignment.created',
      assignmentId: 'as1',
      offerId: null,
      conversationId: 'c1',
      agentId: 'a1',
    });
    await expect.poll(() => pushed.map((p) => p.event)).toContain('assigned');
    expect(pushed.find((p) => p.event === 'assigned')?.payload).toEqual({
      conversationId: 'c1',
      agent: { displayName: 'Alice' },
      seq: 1,
    });
    expect(conversations.get('c1')).toMatchObject({ status: 'assigned', agentId: 'a1' });
    relay.handle({ ...envelope, type: 'conversation.resolved', conversationId: 'c1', agentId: 'a1' });
    expect(pushed.at(-1)).toMatchObject({ event: 'resolved' });
    expect(conversations.get('c1')).toBeUndefined();
  });
});
