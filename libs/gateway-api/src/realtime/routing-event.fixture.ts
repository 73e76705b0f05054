// One valid routing event of every type, for the console tests (unit and socket level); keyed by type so a new
// type without an example fails to compile.
import { ROUTING_EVENT_V1, type RoutingEventType, type RoutingEventV1 } from '@switchboard/contracts';

type Of<T extends RoutingEventType> = Extract<RoutingEventV1, { type: T }>;
type Body<T extends RoutingEventType> = Omit<
  Of<T>,
  'schema' | 'eventId' | 'tenantId' | 'seq' | 'at' | 'type'
>;

const sla: Body<'sla.met'> = {
  conversationId: 'c1',
  agentId: 'a1',
  queueId: 'q1',
  target: 'firstResponse',
  run: 1,
  policyId: 'p1',
  targetMs: 60_000,
  deadline: '2026-12-05T10:01:00.000Z',
  elapsedMs: 48_000,
  carriedOverMs: 0,
  withinTarget: true,
  actions: [],
};

const bodies: { [T in RoutingEventType]: Body<T> } = {
  'conversation.queued': {
    conversationId: 'c1',
    customerId: 'cu1',
    channel: 'chat',
    queueId: 'q1',
    priority: 0,
    tier: 'standard',
  },
  'conversation.reopened': {
    conversationId: 'c1',
    customerId: 'cu1',
    channel: 'email',
    queueId: 'q1',
    priority: 0,
    tier: 'gold',
    previousAgentId: 'a1',
    resolvedAt: '2026-12-05T09:00:00.000Z',
  },
  'message.received': {
    conversationId: 'c1',
    messageId: 'm1',
    channel: 'chat',
    channelMessageId: 'cm1',
    body: 'Hello',
    sentAt: '2026-12-05T10:00:00.000Z',
    agentId: 'a1',
  },
  'offer.created': {
    offerId: 'o1',
    conversationId: 'c1',
    agentId: 'a1',
    channel: 'chat',
    expiresAt: '2026-12-05T10:00:30.000Z',
    preview: 'Hello',
    reason: { policy: 'least-busy' },
  },
  'offer.closed': { offerId: 'o1', conversationId: 'c1', agentId: 'a1', outcome: 'accepted' },
  'assignment.created': { assignmentId: 'as1', offerId: 'o1', conversationId: 'c1', agentId: 'a1' },
  'conversation.resolved': { conversationId: 'c1', agentId: 'a1' },
  'agent.status-changed': { agentId: 'a1', status: 'away', cause: 'missed-offers' },
  'command.rejected': { commandId: 'k1', agentId: 'a1', code: 'NOT_FOUND', message: 'No such offer' },
  'reply.created': {
    conversationId: 'c1',
    messageId: 'm2',
    agentId: 'a1',
    kind: 'agent',
    clientMessageId: 'x1',
    channel: 'chat',
    inboxId: null,
    to: { address: 'v1' },
    threadKey: null,
    inReplyTo: null,
    subject: null,
    body: 'Hi there',
    html: null,
    status: 'queued',
  },
  'delivery.status': {
    conversationId: 'c1',
    messageId: 'm2',
    agentId: 'a1',
    status: 'failed',
    providerMessageId: null,
    reason: 'bounced',
  },
  'conversation.transferred': {
    conversationId: 'c1',
    fromQueueId: 'q1',
    toQueueId: 'q2',
    agentId: 'a1',
    cause: 'agent',
    note: 'billing question',
  },
  'conversation.awaiting-customer': { conversationId: 'c1', agentId: 'a1' },
  'sla.warning': sla,
  'sla.breached': { ...sla, withinTarget: false, elapsedMs: 61_000 },
  'sla.met': sla,
  'follow-up.scheduled': {
    followUpId: 'f1',
    conversationId: 'c1',
    agentId: 'a1',
    dueAt: '2026-12-06T09:00:00.000Z',
    note: null,
  },
  'follow-up.cancelled': { followUpId: 'f1', conversationId: 'c1', agentId: 'a1' },
  'follow-up.due': {
    followUpId: 'f1',
    conversationId: 'c1',
    agentId: 'a1',
    note: 'call back',
    reopened: true,
  },
  'conversation.noted': {
    conversationId: 'c1',
    messageId: 'm9',
    agentId: 'a1',
    channel: 'chat',
    body: 'VIP',
  },
  'conversation.wrapped-up': { conversationId: 'c1', agentId: 'a1', disposition: 'refund', notes: null },
  'conversation.abandoned': { conversationId: 'c1', queueId: 'q1', channel: 'chat', reason: 'visitor-ended' },
  'csat.received': {
    conversationId: 'c1',
    queueId: 'q1',
    channel: 'chat',
    agentId: 'a1',
    score: 5,
    comment: null,
  },
};

export const ROUTING_EVENT_TYPES = Object.keys(bodies) as RoutingEventType[];

/** A routing event of that type, its envelope overridable (tenant, seq, agent...). */
export function routingEventOf<T extends RoutingEventType>(type: T, overrides: Partial<Of<T>> = {}): Of<T> {
  return {
    schema: ROUTING_EVENT_V1,
    eventId: `e-${type}`,
    tenantId: 't1',
    seq: 1,
    at: '2026-12-05T10:00:00.000Z',
    type,
    ...bodies[type],
    ...overrides,
  } as unknown as Of<T>;
}
