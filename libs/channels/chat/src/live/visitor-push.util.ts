// What a visitor is pushed for a routing event, built the same way for live delivery and for the replay a
// reconnecting visitor gets. Every push carries the event's per-tenant `seq`: the widget's resume cursor.
import type { RoutingEventV1 } from '@switchboard/contracts';

type EventOf<T extends RoutingEventV1['type']> = Extract<RoutingEventV1, { type: T }>;

export interface VisitorPush {
  event: 'reply' | 'assigned' | 'resolved';
  payload: { conversationId: string; seq: number } & Record<string, unknown>;
  seq: number;
}

/** The routing event types a visitor may have missed while away, and gets replayed (ADR 0016). */
export const REPLAYED_EVENT_TYPES = ['reply.created', 'assignment.created', 'conversation.resolved'] as const;

export function replyPush(event: EventOf<'reply.created'>): VisitorPush {
  const { conversationId, messageId, body, html, at, seq } = event;
  // The widget shows a system message (auto-acknowledgement, survey) apart from an agent's reply (ADR 0025).
  const kind = event.kind ?? 'agent';
  return { event: 'reply', seq, payload: { conversationId, messageId, body, html, at, seq, kind } };
}

export function assignedPush(event: EventOf<'assignment.created'>, displayName: string | null): VisitorPush {
  const { conversationId, seq } = event;
  return { event: 'assigned', seq, payload: { conversationId, agent: { displayName }, seq } };
}

export function resolvedPush(
  event: EventOf<'conversation.resolved'> | EventOf<'conversation.abandoned'>,
): VisitorPush {
  const { conversationId, seq } = event;
  return { event: 'resolved', seq, payload: { conversationId, seq } };
}
