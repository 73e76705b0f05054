// Routing events, as every gateway reads them, turned into what a visitor sees: their reply (pushed from the
// event log, so it reaches the visitor whichever gateway they are on), their queue position and wait, the
// agent who accepted them, the end of the conversation; and agents' typing (from any gateway, TypingRelay).
import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { RoutingEventV1 } from '@switchboard/contracts';
import { RoutingEventRelay, TypingRelay, type TypingSignal } from '@switchboard/gateway-api';
import { ROOT_LOGGER } from '@switchboard/observability';
import { Inject } from '@nestjs/common';
import type { Logger } from 'pino';
import { visitorOfChannelMessageId } from '../inbound/visitor-message.schema';
import { VisitorsGateway } from '../visitors/visitors.gateway';
import { QueueStatusReader } from './queue-status.reader';
import { VisitorConversations } from './visitor-conversations';
import { assignedPush, replyPush, resolvedPush, type VisitorPush } from './visitor-push.util';

/** Queue updates for a tenant are coalesced: one reading per waiting visitor at most this often. */
const QUEUE_REFRESH_MS = 200;

@Injectable()
export class VisitorEventRelay implements OnModuleInit {
  private readonly logger: Logger;
  private readonly pendingRefresh = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly events: RoutingEventRelay,
    private readonly typing: TypingRelay,
    private readonly visitors: VisitorsGateway,
    private readonly conversations: VisitorConversations,
    private readonly reader: QueueStatusReader,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'visitor-event-relay' });
  }

  onModuleInit(): void {
    this.events.addListener((event) => this.handle(event));
    this.typing.addListener((typing) => this.agentTyping(typing));
  }

  handle(event: RoutingEventV1): void {
    switch (event.type) {
      case 'message.received':
        return this.messageReceived(event);
      // A transferred conversation waits again, in another queue: positions change.
      case 'conversation.queued':
      case 'conversation.reopened':
      case 'offer.closed':
      case 'conversation.transferred':
        return this.scheduleQueueRefresh(event.tenantId);
      case 'assignment.created':
        return this.assigned(event);
      // Either way the chat is over for the visitor: their next message starts (or reopens) one.
      case 'conversation.resolved':
      case 'conversation.abandoned':
        return this.resolved(event);
      case 'reply.created':
        return this.reply(event);
      case 'offer.created':
      case 'agent.status-changed':
      case 'command.rejected':
      case 'delivery.status':
      case 'conversation.awaiting-customer':
      case 'sla.warning':
      case 'sla.breached':
      case 'sla.met':
      case 'follow-up.scheduled':
      case 'follow-up.cancelled':
      case 'follow-up.due':
      case 'csat.received':
        return;
      // Internal notes and dispositions are for agents: never shown to the visitor.
      case 'conversation.noted':
      case 'conversation.wrapped-up':
        return;
    }
  }

  private messageReceived(event: Extract<RoutingEventV1, { type: 'message.received' }>): void {
    if (event.channel !== 'chat') return;
    const visitorId = visitorOfChannelMessageId(event.channelMessageId);
    if (!visitorId) return;
    const binding = this.conversations.bind(event.tenantId, visitorId, event.conversationId);
    if (event.agentId) {
      binding.status = 'assigned';
      binding.agentId = event.agentId;
    }
    this.visitors.toVisitor(
      event.tenantId,
      visitorId,
      'message.stored',
      {
        conversationId: event.conversationId,
        messageId: event.messageId,
        channelMessageId: event.channelMessageId,
        seq: event.seq,
      },
      event.seq,
    );
    this.scheduleQueueRefresh(event.tenantId);
  }

  private assigned(event: Extract<RoutingEventV1, { type: 'assignment.created' }>): void {
    const binding = this.conversations.get(event.conversationId);
    this.scheduleQueueRefresh(event.tenantId);
    if (!binding) return;
    binding.status = 'assigned';
    binding.agentId = event.agentId;
    if (!this.visitors.isHere(binding.tenantId, binding.visitorId)) return;
    this.reader.agentDisplayName(event.tenantId, event.agentId).then(
      (displayName) => this.push(binding.tenantId, binding.visitorId, assignedPush(event, displayName)),
      (error: unknown) => this.logger.warn({ err: error }, 'could not read the assigned agent'),
    );
  }

  private resolved(
    event: Extract<RoutingEventV1, { type: 'conversation.resolved' | 'conversation.abandoned' }>,
  ): void {
    const binding = this.conversations.get(event.conversationId);
    this.scheduleQueueRefresh(event.tenantId);
    if (!binding) return;
    this.push(binding.tenantId, binding.visitorId, resolvedPush(event));
    this.conversations.forget(event.conversationId);
  }

  private reply(event: Extract<RoutingEventV1, { type: 'reply.created' }>): void {
    if (event.channel !== 'chat') return;
    const visitorId = event.to.address;
    // The survey follows the end of the conversation: it must not bind the visitor to it again (ADR 0025).
    if (event.kind === 'csat-survey') return this.push(event.tenantId, visitorId, replyPush(event));
    const binding = this.conversations.bind(event.tenantId, visitorId, event.conversationId);
    this.conversations.rememberReply(binding, event.messageId);
    this.push(event.tenantId, visitorId, replyPush(event));
  }

  private push(tenantId: string, visitorId: string, { event, payload, seq }: VisitorPush): void {
    this.visitors.toVisitor(tenantId, visitorId, event, payload, seq);
  }

  /** An agent typing, on this gateway or another: shown to the conversation's visitor if connected here. */
  private agentTyping(typing: TypingSignal): void {
    if (typing.from !== 'agent') return;
    const binding = this.conversations.get(typing.conversationId);
    if (!binding || binding.tenantId !== typing.tenantId || binding.agentId !== typing.agentId) return;
    this.visitors.toVisitor(binding.tenantId, binding.visitorId, 'typing', {
      conversationId: typing.conversationId,
      typing: typing.typing,
    });
  }

  private scheduleQueueRefresh(tenantId: string): void {
    if (this.pendingRefresh.has(tenantId)) return;
    const timer = setTimeout(() => {
      this.pendingRefresh.delete(tenantId);
      void this.refreshQueue(tenantId);
    }, QUEUE_REFRESH_MS);
    timer.unref();
    this.pendingRefresh.set(tenantId, timer);
  }

  /** Pushes a fresh position and wait to every waiting visitor of the tenant connected to this gateway. */
  private async refreshQueue(tenantId: string): Promise<void> {
    for (const binding of this.conversations.queuedOf(tenantId)) {
      if (!this.visitors.isHere(tenantId, binding.visitorId)) continue;
      try {
        const status = await this.reader.statusOf(tenantId, binding.conversationId);
        if (status) this.visitors.toVisitor(tenantId, binding.visitorId, 'queue', status);
      } catch (error) {
        this.logger.warn({ err: error }, 'could not read a visitor’s queue status');
      }
    }
  }
}
