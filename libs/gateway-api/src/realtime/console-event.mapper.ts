// Turns a routing event into what consoles see of it (libs/contracts console-event.schema) and says who sees it.
// Pure: the live push and the replay from the event log both use it, so a replayed stream equals the live one.
import type { ConsoleEvent, RoutingEventV1 } from '@switchboard/contracts';
import {
  consoleAgentRoom,
  consoleQueueRoom,
  consoleSupervisorsRoom,
  consoleTenantRoom,
} from './socket-rooms';

type ConversationChange = Extract<ConsoleEvent, { type: 'conversation.updated' }>;

/** Who a console event goes to: the agent concerned (their own room) and the supervisors of these queues. */
export interface ConsoleAudience {
  agentId: string | null;
  /** The queues the event concerns; supervisors watching any of them get it (and those watching everything). */
  queueIds: string[];
}

/**
 * The console event of a routing event, or null for what consoles never show (an SLA target met is only a
 * metric; a rejected command is answered by the command's ack).
 */
export function toConsoleEvent(event: RoutingEventV1): ConsoleEvent | null {
  const base = { tenantId: event.tenantId, seq: event.seq, at: event.at };
  switch (event.type) {
    case 'message.received':
      return {
        ...base,
        type: 'message.new',
        conversationId: event.conversationId,
        messageId: event.messageId,
        direction: 'inbound',
        author: 'customer',
        agentId: event.agentId,
        channel: event.channel,
        body: event.body,
        clientMessageId: null,
      };
    case 'reply.created':
      return {
        ...base,
        type: 'message.new',
        conversationId: event.conversationId,
        messageId: event.messageId,
        direction: 'outbound',
        // Events stored before system messages existed carry no kind: they are all agent replies.
        author: event.kind ?? 'agent',
        agentId: event.agentId,
        channel: event.channel,
        body: event.body,
        clientMessageId: event.clientMessageId,
      };
    case 'conversation.noted':
      // Internal: pushed to the writer and the tenant's supervisors, never to the customer's channel.
      return {
        ...base,
        type: 'message.new',
        conversationId: event.conversationId,
        messageId: event.messageId,
        direction: 'internal',
        author: 'note',
        agentId: event.agentId,
        channel: event.channel,
        body: event.body,
        clientMessageId: null,
      };
    case 'offer.created': {
      const { schema: _s, eventId: _e, ...offer } = event;
      return offer;
    }
    case 'offer.closed': {
      const { schema: _s, eventId: _e, ...closed } = event;
      return closed;
    }
    case 'assignment.created': {
      const { schema: _s, eventId: _e, ...assignment } = event;
      return assignment;
    }
    case 'delivery.status':
      return {
        ...base,
        type: 'delivery.status',
        conversationId: event.conversationId,
        messageId: event.messageId,
        agentId: event.agentId,
        status: event.status,
        reason: event.reason,
      };
    case 'agent.status-changed':
      return {
        ...base,
        type: 'presence',
        agentId: event.agentId,
        status: event.status,
        connected: null,
        cause: event.cause,
      };
    case 'sla.warning':
    case 'sla.breached':
      return {
        ...base,
        type: event.type,
        conversationId: event.conversationId,
        agentId: event.agentId,
        queueId: event.queueId,
        target: event.target,
        deadline: event.deadline,
        elapsedMs: event.elapsedMs,
        targetMs: event.targetMs,
      };
    case 'sla.met':
    case 'command.rejected':
      return null;
    case 'conversation.queued':
    case 'conversation.reopened':
    case 'conversation.transferred':
    case 'conversation.awaiting-customer':
    case 'conversation.resolved':
    case 'conversation.abandoned':
    case 'conversation.wrapped-up':
    case 'follow-up.scheduled':
    case 'follow-up.cancelled':
    case 'follow-up.due':
    case 'csat.received':
      return conversationUpdate(event, base);
  }
}

type ConversationEvent = Exclude<
  RoutingEventV1,
  {
    type:
      | 'message.received'
      | 'conversation.noted'
      | 'reply.created'
      | 'offer.created'
      | 'offer.closed'
      | 'assignment.created'
      | 'delivery.status'
      | 'agent.status-changed'
      | 'sla.warning'
      | 'sla.breached'
      | 'sla.met'
      | 'command.rejected';
  }
>;

/** The conversation's state changes, each with its `change` and the facts documented in docs/console-protocol.md. */
function conversationUpdate(
  event: ConversationEvent,
  base: { tenantId: string; seq: number; at: string },
): ConversationChange {
  const update = (
    change: ConversationChange['change'],
    fields: Partial<Pick<ConversationChange, 'agentId' | 'queueId' | 'channel'>>,
    detail: Record<string, unknown> = {},
  ): ConversationChange => ({
    ...base,
    type: 'conversation.updated',
    conversationId: event.conversationId,
    change,
    agentId: fields.agentId ?? null,
    queueId: fields.queueId ?? null,
    channel: fields.channel ?? null,
    detail,
  });
  switch (event.type) {
    case 'conversation.queued':
      return update(
        'queued',
        { queueId: event.queueId, channel: event.channel },
        { customerId: event.customerId, priority: event.priority, tier: event.tier },
      );
    case 'conversation.reopened':
      return update(
        'reopened',
        { agentId: event.previousAgentId, queueId: event.queueId, channel: event.channel },
        {
          customerId: event.customerId,
          priority: event.priority,
          tier: event.tier,
          resolvedAt: event.resolvedAt,
        },
      );
    case 'conversation.transferred':
      return update(
        'transferred',
        { agentId: event.agentId, queueId: event.toQueueId },
        {
          fromQueueId: event.fromQueueId,
          toQueueId: event.toQueueId,
          toAgentId: event.toAgentId ?? null,
          cause: event.cause,
          note: event.note,
          byUserId: event.byUserId ?? null,
        },
      );
    case 'conversation.awaiting-customer':
      return update('awaiting-customer', { agentId: event.agentId });
    case 'conversation.resolved':
      return update('resolved', { agentId: event.agentId });
    case 'conversation.wrapped-up':
      return update(
        'wrapped-up',
        { agentId: event.agentId },
        { disposition: event.disposition, notes: event.notes },
      );
    case 'conversation.abandoned':
      // The customer left before any agent answered: no agent holds it; the wallboard's queue shrinks.
      return update(
        'abandoned',
        { queueId: event.queueId, channel: event.channel },
        { reason: event.reason },
      );
    case 'follow-up.scheduled':
      return update(
        'follow-up-scheduled',
        { agentId: event.agentId },
        { followUpId: event.followUpId, dueAt: event.dueAt, note: event.note },
      );
    case 'follow-up.cancelled':
      return update('follow-up-cancelled', { agentId: event.agentId }, { followUpId: event.followUpId });
    case 'follow-up.due':
      return update(
        'follow-up-due',
        { agentId: event.agentId },
        { followUpId: event.followUpId, note: event.note, reopened: event.reopened },
      );
    case 'csat.received':
      return update(
        'csat-received',
        { agentId: event.agentId, queueId: event.queueId, channel: event.channel },
        { score: event.score, comment: event.comment },
      );
    default: {
      // A routing event type added without a mapping fails to compile here.
      const unmapped: never = event;
      return unmapped;
    }
  }
}

/**
 * Who receives a routing event on the consoles: the agent it names (the same `agentId` the event log indexes,
 * so a replay selects exactly what was pushed live) and the queues it concerns.
 */
export function consoleAudience(event: RoutingEventV1): ConsoleAudience {
  const agentId = 'agentId' in event ? event.agentId : null;
  const queueIds: Array<string | null> = [];
  if (event.type === 'conversation.transferred') queueIds.push(event.fromQueueId, event.toQueueId);
  else if ('queueId' in event) queueIds.push(event.queueId);
  return { agentId, queueIds: [...new Set(queueIds.filter((id): id is string => id !== null))] };
}

/** A console event and the rooms it goes to. */
export interface RoutedConsoleEvent {
  event: ConsoleEvent;
  rooms: string[];
}

/**
 * The console event of a routing event and its rooms: the agent's own, and the supervisors watching the tenant
 * or one of the event's queues; presence goes to every supervisor. Null when consoles never see it.
 */
export function routeConsoleEvent(routing: RoutingEventV1): RoutedConsoleEvent | null {
  const event = toConsoleEvent(routing);
  if (!event) return null;
  const { agentId, queueIds } = consoleAudience(routing);
  const { tenantId } = routing;
  const rooms = agentId ? [consoleAgentRoom(tenantId, agentId)] : [];
  if (event.type === 'presence') rooms.push(consoleSupervisorsRoom(tenantId));
  else
    rooms.push(
      consoleTenantRoom(tenantId),
      ...queueIds.map((queueId) => consoleQueueRoom(tenantId, queueId)),
    );
  return { event, rooms };
}
