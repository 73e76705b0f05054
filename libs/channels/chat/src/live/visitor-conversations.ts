// Which conversation is which visitor's, as this gateway has learnt it: from the routing events (a chat
// message names its visitor in its channel message id, a chat reply in its recipient) and, when a visitor
// connects, from the database. Bounded: the oldest bindings are forgotten first, and relearnt on reconnect.
import { Injectable } from '@nestjs/common';

export type VisitorConversationStatus = 'queued' | 'assigned' | 'resolved';

export interface VisitorConversation {
  tenantId: string;
  visitorId: string;
  conversationId: string;
  status: VisitorConversationStatus;
  agentId: string | null;
  /** Replies pushed to the visitor, which the widget may acknowledge as delivered. */
  replies: Set<string>;
}

const MAX_BINDINGS = 50_000;
const MAX_REPLIES_REMEMBERED = 200;

@Injectable()
export class VisitorConversations {
  private readonly byConversation = new Map<string, VisitorConversation>();
  private readonly byVisitor = new Map<string, string>();

  bind(tenantId: string, visitorId: string, conversationId: string): VisitorConversation {
    const known = this.byConversation.get(conversationId);
    if (known) return known;
    const previous = this.ofVisitor(tenantId, visitorId);
    if (previous) this.byConversation.delete(previous.conversationId);
    const binding: VisitorConversation = {
      tenantId,
      visitorId,
      conversationId,
      status: 'queued',
      agentId: null,
      replies: new Set(),
    };
    this.byConversation.set(conversationId, binding);
    this.byVisitor.set(visitorKey(tenantId, visitorId), conversationId);
    this.evictOldest();
    return binding;
  }

  get(conversationId: string): VisitorConversation | undefined {
    return this.byConversation.get(conversationId);
  }

  ofVisitor(tenantId: string, visitorId: string): VisitorConversation | undefined {
    const conversationId = this.byVisitor.get(visitorKey(tenantId, visitorId));
    return conversationId ? this.byConversation.get(conversationId) : undefined;
  }

  /** The tenant's visitors still waiting for an agent. */
  queuedOf(tenantId: string): VisitorConversation[] {
    return [...this.byConversation.values()].filter((b) => b.tenantId === tenantId && b.status === 'queued');
  }

  rememberReply(binding: VisitorConversation, messageId: string): void {
    binding.replies.add(messageId);
    if (binding.replies.size > MAX_REPLIES_REMEMBERED) {
      const oldest = binding.replies.values().next().value;
      if (oldest !== undefined) binding.replies.delete(oldest);
    }
  }

  forget(conversationId: string): void {
    const binding = this.byConversation.get(conversationId);
    if (!binding) return;
    this.byConversation.delete(conversationId);
    const key = visitorKey(binding.tenantId, binding.visitorId);
    if (this.byVisitor.get(key) === conversationId) this.byVisitor.delete(key);
  }

  private evictOldest(): void {
    while (this.byConversation.size > MAX_BINDINGS) {
      const oldest = this.byConversation.keys().next().value;
      if (oldest === undefined) return;
      this.forget(oldest);
    }
  }
}

function visitorKey(tenantId: string, visitorId: string): string {
  return `${tenantId}:${visitorId}`;
}
