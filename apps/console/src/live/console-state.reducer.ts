// The console's state as a pure fold: a snapshot (on start and on resync), then console events in seq order.
// The cursor decides which events reach it; this only says what each one changes.
import type { AgentLoadRow, ConsoleEvent, QueueStatsRow } from '@switchboard/contracts/console-event.schema';
import type { ConsoleSnapshot } from '@switchboard/contracts/console-snapshot.schema';
import type { AgentStatus, Channel } from '@switchboard/contracts/primitives.schema';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'resynced' | 'offline';
export type SlaState = 'running' | 'paused' | 'warning' | 'breached';

export interface OfferView {
  offerId: string;
  conversationId: string;
  agentId: string | null;
  channel: Channel;
  expiresAt: string;
  preview: string;
}

export interface ConversationView {
  conversationId: string;
  customerId: string | null;
  customerName: string | null;
  channel: Channel | null;
  queueId: string | null;
  status: string;
  lastMessagePreview: string | null;
  sla: { target: string; deadline: string | null; state: SlaState } | null;
}

export interface LiveMessage {
  messageId: string;
  conversationId: string;
  direction: 'inbound' | 'outbound' | 'internal';
  author: string;
  channel: Channel;
  body: string;
  at: string;
}

export interface BreachView {
  conversationId: string;
  queueId: string | null;
  agentId: string | null;
  target: string;
  at: string;
}

export interface ConsoleState {
  role: 'agent' | 'supervisor' | null;
  headSeq: number;
  me: { agentId: string; name: string; status: AgentStatus; capacity: number } | null;
  offers: OfferView[];
  conversations: ConversationView[];
  /** Messages pushed live since the console opened, by conversation (history comes from the REST API). */
  messages: Record<string, LiveMessage[]>;
  deliveries: Record<string, string>;
  queues: Array<QueueStatsRow & { name: string }>;
  agents: Array<AgentLoadRow & { name: string; connected: boolean | null }>;
  breaches: BreachView[];
}

export type ConsoleAction =
  | { kind: 'snapshot'; snapshot: ConsoleSnapshot }
  | { kind: 'event'; event: ConsoleEvent }
  | { kind: 'conversation-removed'; conversationId: string }
  /** The REST detail of a conversation the stream opened without its customer (an accepted offer). */
  | { kind: 'customer-known'; conversationId: string; customerId: string; customerName: string | null };

export const EMPTY_STATE: ConsoleState = {
  role: null,
  headSeq: 0,
  me: null,
  offers: [],
  conversations: [],
  messages: {},
  deliveries: {},
  queues: [],
  agents: [],
  breaches: [],
};

const BREACH_LIST_MAX = 50;
/** Changes after which the agent no longer holds the conversation. */
const RELEASING_CHANGES = new Set(['queued', 'resolved', 'wrapped-up']);

export function reduceConsole(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.kind) {
    case 'snapshot':
      return fromSnapshot(state, action.snapshot);
    case 'conversation-removed':
      return { ...state, conversations: without(state.conversations, action.conversationId) };
    case 'customer-known': {
      const { customerId, customerName } = action;
      return updateConversation(state, action.conversationId, (c) => ({ ...c, customerId, customerName }));
    }
    case 'event':
      return applyEvent(state, action.event);
  }
}

function fromSnapshot(state: ConsoleState, snapshot: ConsoleSnapshot): ConsoleState {
  if (snapshot.role === 'agent') {
    const { agent } = snapshot;
    return {
      ...EMPTY_STATE,
      messages: state.messages,
      deliveries: state.deliveries,
      role: 'agent',
      headSeq: snapshot.headSeq,
      me: { agentId: agent.agentId, name: agent.name, status: agent.status, capacity: agent.capacity },
      offers: snapshot.offers.map((offer) => ({ ...offer, agentId: agent.agentId })),
      conversations: snapshot.conversations.map((c) => ({ ...c })),
    };
  }
  return {
    ...EMPTY_STATE,
    role: 'supervisor',
    headSeq: snapshot.headSeq,
    queues: snapshot.queues,
    agents: snapshot.agents,
    breaches: snapshot.breaches,
  };
}

function applyEvent(state: ConsoleState, event: ConsoleEvent): ConsoleState {
  const next = event.seq === null ? state : { ...state, headSeq: Math.max(state.headSeq, event.seq) };
  switch (event.type) {
    case 'offer.created':
      if (!concernsMe(state, event.agentId)) return next;
      return {
        ...next,
        offers: [...state.offers.filter((o) => o.offerId !== event.offerId), pick(event)],
      };
    case 'offer.closed': {
      // An accepted offer becomes the conversation now, while its channel and preview are still at hand.
      const accepted =
        event.outcome === 'accepted' && concernsMe(state, event.agentId) && state.role === 'agent';
      const opened = accepted ? withAssignment(next, event.conversationId) : next;
      return { ...opened, offers: opened.offers.filter((o) => o.offerId !== event.offerId) };
    }
    case 'assignment.created':
      return concernsMe(state, event.agentId) ? withAssignment(next, event.conversationId) : next;
    case 'message.new':
      return withMessage(next, event);
    case 'conversation.updated': {
      const leaves =
        RELEASING_CHANGES.has(event.change) ||
        (event.change === 'transferred' && !concernsMe(state, event.agentId));
      if (state.role === 'agent' && leaves)
        return { ...next, conversations: without(state.conversations, event.conversationId) };
      return updateConversation(next, event.conversationId, (c) => ({
        ...c,
        status: event.change,
        queueId: event.queueId,
      }));
    }
    case 'delivery.status':
      return { ...next, deliveries: { ...state.deliveries, [event.messageId]: event.status } };
    case 'sla.warning':
    case 'sla.breached': {
      const slaState: SlaState = event.type === 'sla.warning' ? 'warning' : 'breached';
      const updated = updateConversation(next, event.conversationId, (c) => ({
        ...c,
        sla: { target: event.target, deadline: event.deadline, state: slaState },
      }));
      if (slaState !== 'breached') return updated;
      const breach = {
        conversationId: event.conversationId,
        queueId: event.queueId,
        agentId: event.agentId,
        target: event.target,
        at: event.at,
      };
      return { ...updated, breaches: [breach, ...state.breaches].slice(0, BREACH_LIST_MAX) };
    }
    case 'presence': {
      const me =
        state.me && state.me.agentId === event.agentId ? { ...state.me, status: event.status } : state.me;
      return { ...next, me, agents: withPresence(state, event) };
    }
    case 'queue.stats':
      return withQueueStats(next, event.queues, event.agents);
  }
}

/** A supervisor learns of an agent the snapshot did not list (none, or joined since) from their presence. */
function withPresence(
  state: ConsoleState,
  event: Extract<ConsoleEvent, { type: 'presence' }>,
): ConsoleState['agents'] {
  if (state.role !== 'supervisor') return state.agents;
  const known = state.agents.some((a) => a.agentId === event.agentId);
  if (!known)
    return [
      ...state.agents,
      {
        agentId: event.agentId,
        name: event.agentId,
        status: event.status,
        load: 0,
        capacity: 0,
        connected: event.connected,
      },
    ];
  return state.agents.map((a) =>
    a.agentId === event.agentId
      ? { ...a, status: event.status, connected: event.connected ?? a.connected }
      : a,
  );
}

function concernsMe(state: ConsoleState, agentId: string | null): boolean {
  return state.role !== 'agent' || (state.me !== null && state.me.agentId === agentId);
}

function pick(event: Extract<ConsoleEvent, { type: 'offer.created' }>): OfferView {
  const { offerId, conversationId, agentId, channel, expiresAt, preview } = event;
  return { offerId, conversationId, agentId, channel, expiresAt, preview };
}

function withAssignment(state: ConsoleState, conversationId: string): ConsoleState {
  if (state.conversations.some((c) => c.conversationId === conversationId)) return state;
  const offer = state.offers.find((o) => o.conversationId === conversationId);
  const conversation: ConversationView = {
    conversationId,
    customerId: null,
    customerName: null,
    channel: offer?.channel ?? null,
    queueId: null,
    status: 'assigned',
    lastMessagePreview: offer?.preview ?? null,
    sla: null,
  };
  return {
    ...state,
    offers: state.offers.filter((o) => o.conversationId !== conversationId),
    conversations: [...state.conversations, conversation],
  };
}

function withMessage(
  state: ConsoleState,
  event: Extract<ConsoleEvent, { type: 'message.new' }>,
): ConsoleState {
  const existing = state.messages[event.conversationId] ?? [];
  if (existing.some((m) => m.messageId === event.messageId)) return state;
  const message: LiveMessage = {
    messageId: event.messageId,
    conversationId: event.conversationId,
    direction: event.direction,
    author: event.author,
    channel: event.channel,
    body: event.body,
    at: event.at,
  };
  const withPreview =
    event.direction === 'internal'
      ? state
      : updateConversation(state, event.conversationId, (c) => ({ ...c, lastMessagePreview: event.body }));
  return { ...withPreview, messages: { ...state.messages, [event.conversationId]: [...existing, message] } };
}

function updateConversation(
  state: ConsoleState,
  conversationId: string,
  change: (c: ConversationView) => ConversationView,
): ConsoleState {
  if (!state.conversations.some((c) => c.conversationId === conversationId)) return state;
  return {
    ...state,
    conversations: state.conversations.map((c) => (c.conversationId === conversationId ? change(c) : c)),
  };
}

function withQueueStats(state: ConsoleState, queues: QueueStatsRow[], agents: AgentLoadRow[]): ConsoleState {
  const queueNames = new Map(state.queues.map((q) => [q.queueId, q.name]));
  const agentInfo = new Map(state.agents.map((a) => [a.agentId, a]));
  return {
    ...state,
    queues: queues.map((q) => ({ ...q, name: queueNames.get(q.queueId) ?? q.queueId })),
    agents: agents.map((a) => ({
      ...a,
      name: agentInfo.get(a.agentId)?.name ?? a.agentId,
      connected: agentInfo.get(a.agentId)?.connected ?? null,
    })),
  };
}

function without(conversations: ConversationView[], conversationId: string): ConversationView[] {
  return conversations.filter((c) => c.conversationId !== conversationId);
}
