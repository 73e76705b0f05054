// The one shape of a conversation in lists (search results, a customer's history), and how to read it.
import type { Prisma } from '@switchboard/persistence';

export interface ConversationSummary {
  id: string;
  customerId: string;
  channel: string;
  queueId: string | null;
  status: string;
  priority: number;
  tier: string;
  subject: string | null;
  createdAt: string;
  lastMessageAt: string;
  resolvedAt: string | null;
  /** The agent holding the live assignment, if any. */
  assignedAgentId: string | null;
}

/** Selects only what a summary needs; the live assignment is at most one row (a database invariant). */
export const conversationSummarySelect = {
  id: true,
  customerId: true,
  channel: true,
  queueId: true,
  status: true,
  priority: true,
  tier: true,
  subject: true,
  createdAt: true,
  lastMessageAt: true,
  resolvedAt: true,
  assignments: { where: { endedAt: null }, select: { agentId: true }, take: 1 },
} satisfies Prisma.ConversationSelect;

export type ConversationSummaryRow = Prisma.ConversationGetPayload<{
  select: typeof conversationSummarySelect;
}>;

export function toConversationSummary(row: ConversationSummaryRow): ConversationSummary {
  return {
    id: row.id,
    customerId: row.customerId,
    channel: row.channel,
    queueId: row.queueId,
    status: row.status,
    priority: row.priority,
    tier: row.tier,
    subject: row.subject,
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    assignedAgentId: row.assignments[0]?.agentId ?? null,
  };
}
