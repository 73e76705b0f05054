// Plans an agent's reply without I/O: only the agent holding the conversation's open assignment may reply,
// and a reply whose idempotency key is already stored (a resend, or a redelivered command) is not stored
// again. A reply becomes an outbound message row (delivery status `queued`) and a `reply.created` event, which
// the event outbox also turns into the connectors' outbound record.
import { ErrorCode, type AgentCommandV1, type Channel } from '@switchboard/contracts';
import type { WriteSet } from '../write/write-set';

export type ReplyCommand = Extract<AgentCommandV1, { type: 'conversation.reply' }>;

/** What a connector needs to know about a conversation to answer on it. */
export interface ReplyTarget {
  channel: Channel;
  inboxId: string | null;
  address: string;
  threadKey: string | null;
  inReplyTo: string | null;
  subject: string | null;
}

export interface ReplyFacts {
  targets: ReadonlyMap<string, ReplyTarget>;
  /** Reply keys already stored; planned replies join it, so a duplicate in the same batch is caught too. */
  storedKeys: Set<string>;
}

export interface ReplyPlanContext {
  /** The agent whose open assignment holds the conversation, if any (from the routing core's memory). */
  assignedAgentId: string | undefined;
  newId(): string;
  now: number;
}

export type ReplyOutcome =
  | { kind: 'stored'; messageId: string }
  | { kind: 'duplicate' }
  | { kind: 'rejected'; code: string; message: string };

/**
 * The reply's idempotency key, stored as its channel message id. A console's own id makes resends idempotent;
 * without one, the gateway's command id still makes a redelivered command idempotent.
 */
export function replyKey(command: ReplyCommand): string {
  return command.clientMessageId
    ? `reply:${command.agentId}:${command.clientMessageId}`
    : `reply-command:${command.commandId}`;
}

export function planReply(
  command: ReplyCommand,
  facts: ReplyFacts,
  ctx: ReplyPlanContext,
  set: WriteSet,
): ReplyOutcome {
  const key = replyKey(command);
  if (facts.storedKeys.has(key)) return { kind: 'duplicate' };
  if (ctx.assignedAgentId !== command.agentId) {
    return refuse(
      set,
      command,
      ErrorCode.Forbidden,
      `Conversation ${command.conversationId} is not assigned to you`,
    );
  }
  const target = facts.targets.get(command.conversationId);
  if (!target) {
    return refuse(
      set,
      command,
      ErrorCode.NotFound,
      `Conversation ${command.conversationId} has no customer address to reply to`,
    );
  }
  const messageId = ctx.newId();
  facts.storedKeys.add(key);
  set.addReply({
    id: messageId,
    conversationId: command.conversationId,
    agentId: command.agentId,
    channel: target.channel,
    channelMessageId: key,
    body: command.body,
    html: command.html ?? null,
    sentAt: ctx.now,
    deliveryStatus: 'queued',
    deliveryStatusAt: ctx.now,
    providerMessageId: null,
    deliveryError: null,
  });
  set.events.push({
    type: 'reply.created',
    conversationId: command.conversationId,
    messageId,
    agentId: command.agentId,
    clientMessageId: command.clientMessageId ?? null,
    channel: target.channel,
    inboxId: target.inboxId,
    to: { address: target.address },
    threadKey: target.threadKey,
    inReplyTo: target.inReplyTo,
    subject: target.subject,
    body: command.body,
    html: command.html ?? null,
    status: 'queued',
  });
  return { kind: 'stored', messageId };
}

function refuse(set: WriteSet, command: ReplyCommand, code: string, message: string): ReplyOutcome {
  set.events.push({
    type: 'command.rejected',
    commandId: command.commandId,
    agentId: command.agentId,
    code,
    message,
  });
  return { kind: 'rejected', code, message };
}
