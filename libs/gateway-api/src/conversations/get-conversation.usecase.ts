// A conversation's detail for the console: the conversation, its messages across channels in time order, its
// offers and assignments with their reasons, the decision log, and who the customer is.
// Messages are capped at the most recent MESSAGE_CAP, flagged by `messagesTruncated`: one request serves the
// common case, and a conversation with a longer history still answers in bounded time and size.
import { Injectable } from '@nestjs/common';
import type { UserPrincipal } from '@switchboard/auth';
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { InjectPrisma, type Message, type PrismaClient } from '@switchboard/persistence';
import {
  customerSummarySelect,
  toCustomerSummary,
  type CustomerSummary,
} from '../customers/customer-summary.mapper';
import { conversationScope } from './conversation-scope';
import {
  conversationSummarySelect,
  toConversationSummary,
  type ConversationSummary,
} from './conversation-summary.mapper';
import {
  toAssignmentView,
  toDecisionView,
  toOfferView,
  type AssignmentView,
  type DecisionView,
  type OfferView,
} from './routing-history.mapper';

export const MESSAGE_CAP = 500;

export interface MessageView {
  id: string;
  direction: string;
  channel: string;
  channelMessageId: string;
  body: string;
  /** The HTML form, when the sender's channel has one (email in, email replies out). */
  html: string | null;
  /** Metadata only (name, contentType, sizeBytes, url); content lives outside the database. */
  attachments: unknown;
  sentAt: string;
  /** Set on messages the router sent itself ('auto-ack', 'csat-survey'); null for customers' and agents' (ADR 0025). */
  systemKind: string | null;
}

export interface ConversationDetail extends ConversationSummary {
  language: string | null;
  requiredSkills: unknown;
  updatedAt: string;
  customer: CustomerSummary;
  /** Oldest first; at most MESSAGE_CAP, the most recent ones. */
  messages: MessageView[];
  /** True when older messages exist beyond the cap. */
  messagesTruncated: boolean;
  offers: OfferView[];
  assignments: AssignmentView[];
  decisions: DecisionView[];
}

@Injectable()
export class GetConversation {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  async execute(principal: UserPrincipal, conversationId: string): Promise<ConversationDetail> {
    const row = await this.prisma.conversation.findFirst({
      // Tenant and visibility are part of the lookup: another tenant's id, or one never offered to this
      // agent, is simply not found.
      where: { AND: [{ id: conversationId }, conversationScope(principal)] },
      select: {
        ...conversationSummarySelect,
        language: true,
        requiredSkills: true,
        updatedAt: true,
        customer: { select: customerSummarySelect },
        // Newest first so the cap keeps the most recent; one extra row tells whether older ones exist.
        messages: { orderBy: [{ sentAt: 'desc' }, { id: 'desc' }], take: MESSAGE_CAP + 1 },
        offers: { orderBy: [{ offeredAt: 'asc' }, { id: 'asc' }] },
        assignments: { orderBy: [{ assignedAt: 'asc' }, { id: 'asc' }] },
        decisionLogs: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      },
    });
    if (!row) throw new DomainError(ErrorCode.NotFound, `Conversation ${conversationId} not found`);
    const live = row.assignments.filter((a) => a.endedAt === null);
    return {
      ...toConversationSummary({ ...row, assignments: live }),
      language: row.language,
      requiredSkills: row.requiredSkills,
      updatedAt: row.updatedAt.toISOString(),
      customer: toCustomerSummary(row.customer),
      messages: row.messages.slice(0, MESSAGE_CAP).reverse().map(toMessageView),
      messagesTruncated: row.messages.length > MESSAGE_CAP,
      offers: row.offers.map(toOfferView),
      assignments: row.assignments.map(toAssignmentView),
      decisions: row.decisionLogs.map(toDecisionView),
    };
  }
}

function toMessageView(m: Message): MessageView {
  return {
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    channelMessageId: m.channelMessageId,
    body: m.body,
    html: m.html,
    attachments: m.attachments,
    sentAt: m.sentAt.toISOString(),
    systemKind: m.systemKind,
  };
}
