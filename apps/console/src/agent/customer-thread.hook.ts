// The customer's whole history in one thread: the open conversation and their recent ones on any channel,
// merged in time order with what the live stream has pushed since.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api.client';
import type { LiveMessage } from '../live/console-state.reducer';

export interface ThreadMessage {
  id: string;
  conversationId: string;
  direction: string;
  author: string;
  channel: string;
  body: string;
  at: string;
}

interface MessageDto {
  id: string;
  direction: string;
  channel: string;
  body: string;
  sentAt: string;
  systemKind: string | null;
}
interface ConversationDto {
  id: string;
  customerId: string;
  channel: string;
  status: string;
  subject: string | null;
  customer: { id: string; displayName: string | null };
  messages: MessageDto[];
}
interface CustomerDto {
  id: string;
  displayName: string | null;
  conversations: Array<{ id: string }>;
}

interface Loaded {
  customerId: string | null;
  name: string | null;
  messages: ThreadMessage[];
}
const EMPTY: Loaded = { customerId: null, name: null, messages: [] };

/** How many earlier conversations join the thread: enough for context, few enough to load at once. */
const HISTORY_CONVERSATIONS = 5;

export interface CustomerThread {
  customerId: string | null;
  customerName: string | null;
  messages: ThreadMessage[];
  error: string | null;
}

export function useCustomerThread(
  api: ApiClient,
  conversationId: string,
  live: LiveMessage[],
): CustomerThread {
  const [loaded, setLoaded] = useState<Loaded>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    setLoaded(EMPTY);
    void load(api, conversationId).then(
      (result) => !cancelled && setLoaded(result),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : 'History unavailable'),
    );
    return () => {
      cancelled = true;
    };
  }, [api, conversationId]);
  const seen = new Set(loaded.messages.map((m) => m.id));
  const pushed = live.filter((m) => !seen.has(m.messageId)).map(fromLive);
  const messages = [...loaded.messages, ...pushed].sort((a, b) => a.at.localeCompare(b.at));
  return { customerId: loaded.customerId, customerName: loaded.name, messages, error };
}

async function load(api: ApiClient, conversationId: string) {
  const current = await api.get<ConversationDto>(`/v1/conversations/${encodeURIComponent(conversationId)}`);
  const customer = await api
    .get<CustomerDto>(`/v1/customers/${encodeURIComponent(current.customerId)}`)
    .catch(() => null);
  const earlier = (customer?.conversations ?? [])
    .map((c) => c.id)
    .filter((id) => id !== conversationId)
    .slice(0, HISTORY_CONVERSATIONS);
  const others = await Promise.all(
    earlier.map((id) =>
      api.get<ConversationDto>(`/v1/conversations/${encodeURIComponent(id)}`).catch(() => null),
    ),
  );
  const messages = [current, ...others].flatMap((c) => (c ? c.messages.map((m) => fromDto(c.id, m)) : []));
  const name = customer?.displayName ?? current.customer.displayName;
  return { customerId: current.customerId, name, messages };
}

function fromDto(conversationId: string, m: MessageDto): ThreadMessage {
  const author =
    m.systemKind ?? (m.direction === 'inbound' ? 'customer' : m.direction === 'internal' ? 'note' : 'agent');
  return {
    id: m.id,
    conversationId,
    direction: m.direction,
    author,
    channel: m.channel,
    body: m.body,
    at: m.sentAt,
  };
}

function fromLive(m: LiveMessage): ThreadMessage {
  return {
    id: m.messageId,
    conversationId: m.conversationId,
    direction: m.direction,
    author: m.author,
    channel: m.channel,
    body: m.body,
    at: m.at,
  };
}
