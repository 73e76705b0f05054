import { ROUTING_EVENT_V1, RoutingEventV1Schema, type RoutingEventV1 } from '@switchboard/contracts';
import { describe, expect, it } from 'vitest';
import type { MetricFact } from '../facts/metric-fact.model';
import { createEventFactTracker } from './event-facts.tracker';

const T = 't1';
const at = (hhmmss: string): number => Date.parse(`2026-03-02T${hhmmss}Z`);
let seq = 0;
/** A routing event as the router publishes it, checked against the contract so the story stays realistic. */
const event = (time: string, body: Record<string, unknown>): RoutingEventV1 => {
  seq += 1;
  return RoutingEventV1Schema.parse({
    schema: ROUTING_EVENT_V1,
    eventId: `e${seq}`,
    tenantId: T,
    seq,
    at: new Date(at(time)).toISOString(),
    ...body,
  });
};
const queued = (
  time: string,
  conversationId: string,
  queueId: string | null,
  channel: string,
): RoutingEventV1 =>
  event(time, {
    type: 'conversation.queued',
    conversationId,
    customerId: 'cu1',
    channel,
    queueId,
    priority: 0,
    tier: 'standard',
  });
const inbound = (time: string, conversationId: string): RoutingEventV1 =>
  event(time, {
    type: 'message.received',
    conversationId,
    messageId: `m${seq + 1}`,
    channel: 'chat',
    channelMessageId: `cm${seq + 1}`,
    body: 'hi',
    sentAt: new Date(at(time)).toISOString(),
    agentId: null,
  });
const reply = (time: string, conversationId: string): RoutingEventV1 =>
  event(time, {
    type: 'reply.created',
    conversationId,
    messageId: `r${seq + 1}`,
    agentId: 'ana',
    clientMessageId: null,
    channel: 'chat',
    inboxId: null,
    to: { address: 'visitor-1' },
    threadKey: null,
    inReplyTo: null,
    subject: null,
    body: 'hello',
    html: null,
    status: 'queued',
  });
const status = (time: string, s: string): RoutingEventV1 =>
  event(time, { type: 'agent.status-changed', agentId: 'ana', status: s, cause: 'agent' });

const sales = { tenantId: T, queueId: 'sales', channel: 'chat' } as const;

describe('createEventFactTracker', () => {
  const tracker = () =>
    createEventFactTracker({
      tenantId: T,
      thresholdMsOf: (queueId) => (queueId === 'sales' ? 20_000 : null),
    });

  it('scores a CSAT answer for its queue, channel and agent, after the conversation has ended', () => {
    const t = tracker();
    const facts = [
      queued('12:00:00', 'c8', 'sales', 'chat'),
      event('12:05:00', { type: 'conversation.resolved', conversationId: 'c8', agentId: null }),
      event('12:06:00', {
        type: 'csat.received',
        conversationId: 'c8',
        queueId: 'sales',
        channel: 'chat',
        agentId: 'ana',
        score: 4,
        comment: 'Quick',
      }),
    ].flatMap((e) => t.apply(e));
    expect(facts.filter((f) => f.kind === 'csatScored')).toEqual<MetricFact[]>([
      { kind: 'csatScored', ...sales, agentId: 'ana', score: 4, at: at('12:06:00') },
    ]);
  });

  it('counts no system message (auto-acknowledgement, survey) as a response: the agent reply is the first', () => {
    const t = tracker();
    const system = (time: string, kind: string): RoutingEventV1 => {
      const r = reply(time, 'c9') as Extract<RoutingEventV1, { type: 'reply.created' }>;
      return RoutingEventV1Schema.parse({ ...r, agentId: null, kind });
    };
    const facts = [
      queued('11:00:00', 'c9', 'sales', 'chat'),
      system('11:00:01', 'auto-ack'),
      reply('11:02:00', 'c9'),
      system('11:03:00', 'csat-survey'),
    ].flatMap((e) => t.apply(e));
    expect(facts.filter((f) => f.kind === 'responseMeasured')).toEqual([
      expect.objectContaining({ response: 'first', ms: 120_000, agentId: 'ana' }),
    ]);
  });

  it('turns a conversation story into its facts: queued, answered, first and next responses, handled', () => {
    const t = tracker();
    const facts = [
      queued('10:01:00', 'c1', 'sales', 'chat'),
      inbound('10:01:00', 'c1'), // the opening message starts no next-response clock
      event('10:01:30', {
        type: 'assignment.created',
        assignmentId: 'a1',
        offerId: 'o1',
        conversationId: 'c1',
        agentId: 'ana',
      }),
      reply('10:02:00', 'c1'),
      inbound('10:03:00', 'c1'),
      inbound('10:03:30', 'c1'), // a second message does not restart the clock
      reply('10:04:00', 'c1'),
      reply('10:04:10', 'c1'), // nothing was waiting for this one
      event('10:05:00', {
        type: 'offer.created',
        offerId: 'o2',
        conversationId: 'c1',
        agentId: 'ana',
        channel: 'chat',
        expiresAt: new Date(at('10:06:00')).toISOString(),
        preview: '',
        reason: {},
      }),
      event('10:10:00', { type: 'conversation.resolved', conversationId: 'c1', agentId: 'ana' }),
    ].flatMap((e) => t.apply(e));
    const response = { kind: 'responseMeasured', ...sales, agentId: 'ana', withinTarget: null } as const;
    expect(facts).toEqual<MetricFact[]>([
      { kind: 'contactQueued', ...sales, at: at('10:01:00') },
      {
        kind: 'contactAnswered',
        ...sales,
        agentId: 'ana',
        at: at('10:01:30'),
        waitMs: 30_000,
        thresholdMs: 20_000,
      },
      { ...response, response: 'first', at: at('10:02:00'), ms: 60_000 },
      { ...response, response: 'next', at: at('10:04:00'), ms: 60_000 },
      { kind: 'contactHandled', ...sales, agentId: 'ana', at: at('10:10:00'), handleMs: 510_000 },
      { kind: 'agentEngagedSpan', tenantId: T, agentId: 'ana', start: at('10:01:30'), ms: 510_000 },
    ]);
  });

  it('counts a conversation that ends before any assignment as abandoned', () => {
    const t = tracker();
    t.apply(queued('10:12:00', 'c2', null, 'whatsapp'));
    expect(
      t.apply(event('10:13:00', { type: 'conversation.resolved', conversationId: 'c2', agentId: null })),
    ).toEqual([
      {
        kind: 'contactAbandoned',
        tenantId: T,
        queueId: null,
        channel: 'whatsapp',
        at: at('10:13:00'),
        waitMs: 60_000,
        thresholdMs: null,
      },
    ]);
  });

  it('counts a conversation.abandoned as an abandon against its threshold, once, and never after an answer', () => {
    const t = tracker();
    t.apply(queued('10:12:00', 'c2', 'sales', 'chat'));
    t.apply(queued('10:12:00', 'c3', 'sales', 'chat'));
    const abandon = (time: string, conversationId: string) =>
      t.apply(
        event(time, {
          type: 'conversation.abandoned',
          conversationId,
          queueId: 'sales',
          channel: 'chat',
          reason: 'visitor-ended',
        }),
      );
    expect(abandon('10:12:25', 'c2')).toEqual([
      {
        kind: 'contactAbandoned',
        tenantId: T,
        queueId: 'sales',
        channel: 'chat',
        at: at('10:12:25'),
        waitMs: 25_000,
        thresholdMs: 20_000,
      },
    ]);
    expect(abandon('10:12:30', 'c2')).toEqual([]);
    t.apply(
      event('10:12:40', {
        type: 'assignment.created',
        assignmentId: 'a3',
        offerId: null,
        conversationId: 'c3',
        agentId: 'ana',
      }),
    );
    expect(abandon('10:13:00', 'c3')).toEqual([]);
  });

  it('closes status spans on each change and at each flush, and keeps engaged time open across a flush', () => {
    const t = tracker();
    t.apply(status('10:00:00', 'available'));
    t.apply(queued('10:01:00', 'c1', 'sales', 'chat'));
    t.apply(
      event('10:01:30', {
        type: 'assignment.created',
        assignmentId: 'a1',
        offerId: null,
        conversationId: 'c1',
        agentId: 'ana',
      }),
    );
    const span = { tenantId: T, agentId: 'ana' } as const;
    expect(t.flush(at('10:15:00'))).toEqual([
      { kind: 'agentStateSpan', ...span, status: 'available', start: at('10:00:00'), ms: 900_000 },
      { kind: 'agentEngagedSpan', ...span, start: at('10:01:30'), ms: 810_000 },
    ]);
    expect(t.apply(status('10:20:00', 'away'))).toEqual([
      { kind: 'agentStateSpan', ...span, status: 'available', start: at('10:15:00'), ms: 300_000 },
    ]);
    expect(
      t.apply(event('10:25:00', { type: 'conversation.resolved', conversationId: 'c1', agentId: 'ana' })),
    ).toContainEqual({ kind: 'agentEngagedSpan', ...span, start: at('10:15:00'), ms: 600_000 });
  });

  it('restarts spans at the rebuild and keeps open conversations measurable', () => {
    const t = tracker();
    t.restore({
      at: at('11:00:00'),
      agents: [{ agentId: 'ana', status: 'busy' }],
      conversations: [
        {
          conversationId: 'c9',
          queueId: 'sales',
          channel: 'chat',
          queuedAt: at('10:50:00'),
          replied: true,
          assignment: { agentId: 'ana', acceptedAt: at('10:51:00') },
          awaitingReplySince: at('10:58:00'),
        },
      ],
    });
    expect(t.apply(reply('11:00:30', 'c9'))).toEqual([
      {
        kind: 'responseMeasured',
        ...sales,
        agentId: 'ana',
        withinTarget: null,
        response: 'next',
        at: at('11:00:30'),
        ms: 150_000,
      },
    ]);
    expect(
      t.apply(event('11:01:00', { type: 'conversation.resolved', conversationId: 'c9', agentId: 'ana' })),
    ).toEqual([
      { kind: 'contactHandled', ...sales, agentId: 'ana', at: at('11:01:00'), handleMs: 600_000 },
      { kind: 'agentEngagedSpan', tenantId: T, agentId: 'ana', start: at('11:00:00'), ms: 60_000 },
    ]);
    expect(t.apply(status('11:02:00', 'available'))).toEqual([
      {
        kind: 'agentStateSpan',
        tenantId: T,
        agentId: 'ana',
        status: 'busy',
        start: at('11:00:00'),
        ms: 120_000,
      },
    ]);
  });

  it('ignores events about conversations it does not know, rather than inventing waits', () => {
    const t = tracker();
    expect(t.apply(reply('10:00:00', 'ghost'))).toEqual([]);
    expect(
      t.apply(
        event('10:00:01', {
          type: 'assignment.created',
          assignmentId: 'a',
          offerId: null,
          conversationId: 'ghost',
          agentId: 'ana',
        }),
      ),
    ).toEqual([]);
  });
});
