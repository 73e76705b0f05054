// What a connecting visitor resumes (their open conversation, its queue status or agent), and the receipts
// their widget sends for replies it showed, reported to the router as `delivered` like any platform's status,
// and the visitor ending the chat, reported so the router can count an abandon.
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import {
  CUSTOMER_LEFT_V1,
  DELIVERY_STATUS_V1,
  type CustomerLeftV1,
  type DeliveryStatusV1,
} from '@switchboard/contracts';
import { BUS, type Bus } from '@switchboard/messaging';
import type { Visitor } from '../visitors/visitor-token.service';
import { QueueStatusReader, type QueueStatus } from './queue-status.reader';
import type { VisitorPush } from './visitor-push.util';
import { VisitorConversations } from './visitor-conversations';

export interface ResumedState {
  conversationId: string | null;
  status?: 'queued' | 'assigned';
  agent?: { displayName: string | null };
  queue?: QueueStatus;
}

@Injectable()
export class VisitorPresence {
  constructor(
    private readonly reader: QueueStatusReader,
    private readonly conversations: VisitorConversations,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resume(visitor: Visitor): Promise<ResumedState> {
    const open = await this.reader.openConversationOf(visitor.tenantId, visitor.visitorId);
    if (!open) return { conversationId: null };
    const binding = this.conversations.bind(visitor.tenantId, visitor.visitorId, open.conversationId);
    if (open.agentId) {
      binding.status = 'assigned';
      binding.agentId = open.agentId;
      return {
        conversationId: open.conversationId,
        status: 'assigned',
        agent: { displayName: open.agentDisplayName },
      };
    }
    const queue = await this.reader.statusOf(visitor.tenantId, open.conversationId);
    return { conversationId: open.conversationId, status: 'queued', ...(queue ? { queue } : {}) };
  }

  /**
   * Replayed replies may be acknowledged like live ones. Called before resume(), which then binds the open
   * conversation (a replayed reply of an older conversation gets no receipt).
   */
  replayed(visitor: Visitor, pushes: readonly VisitorPush[]): void {
    for (const { event, payload } of pushes) {
      if (event !== 'reply' || typeof payload.messageId !== 'string') continue;
      const binding = this.conversations.bind(visitor.tenantId, visitor.visitorId, payload.conversationId);
      this.conversations.rememberReply(binding, payload.messageId);
    }
  }

  /** True when the reply was pushed to this visitor and its receipt is now durable. */
  async delivered(visitor: Visitor, messageId: string, now = new Date()): Promise<boolean> {
    const binding = this.conversations.ofVisitor(visitor.tenantId, visitor.visitorId);
    if (!binding?.replies.has(messageId)) return false;
    const report: DeliveryStatusV1 = {
      schema: DELIVERY_STATUS_V1,
      by: 'message',
      tenantId: visitor.tenantId,
      messageId,
      status: 'delivered',
      at: now.toISOString(),
    };
    await this.bus.publish(this.config.topics.agentCommands, [
      { key: visitor.tenantId, value: JSON.stringify(report) },
    ]);
    return true;
  }

  /**
   * The visitor ended the chat: the router abandons their open conversation if no agent has answered it yet
   * (and ignores it otherwise). Returns the conversation, or null when the visitor has none open.
   */
  async ended(visitor: Visitor, now = new Date()): Promise<string | null> {
    const open = await this.reader.openConversationOf(visitor.tenantId, visitor.visitorId);
    if (!open) return null;
    const record: CustomerLeftV1 = {
      schema: CUSTOMER_LEFT_V1,
      tenantId: visitor.tenantId,
      conversationId: open.conversationId,
      reason: 'visitor-ended',
      at: now.toISOString(),
    };
    await this.bus.publish(this.config.topics.agentCommands, [
      { key: visitor.tenantId, value: JSON.stringify(record) },
    ]);
    return open.conversationId;
  }
}
