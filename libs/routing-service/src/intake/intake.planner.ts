// Plans a tenant's batch of inbound records: dedupe by channel message id, resolve each sender to a customer
// (merging one person across channels by address), thread each message into an open conversation, reopen one
// resolved within the reopen window, or open a new one, and add the rows to the batch's write set. No I/O: facts from the database arrive already merged
// into the intake state, and the state is updated as the plan goes, so later records in the same batch see
// earlier ones. If the write then fails, the caller drops the whole state and rebuilds it.
import type { InboundContactV1 } from '@switchboard/contracts';
import { messageKey, identityKey, type ResolvedConversation, type TenantIntakeState } from './intake-state';
import type { WriteSet } from '../write/write-set';
import { csatScoreOf } from '../csat/csat-reply.lookup';

export interface SlaSubject {
  queueId: string | null;
  channel: InboundContactV1['channel'];
  tier: string;
  priority: number;
  receivedAt: number;
}

export interface IntakePlanContext {
  /** Queue name -> id; records were validated against it. */
  queueIds: ReadonlyMap<string, string>;
  /** Message keys (messageKey) the database already holds, looked up for this batch. */
  alreadyStored: ReadonlySet<string>;
  newId(): string;
  /** A new conversation's first-response deadline (epoch ms), or null without an SLA. */
  slaDeadline(subject: SlaSubject): number | null;
  /**
   * A message received at most this long after its conversation was resolved reopens it (REOPEN_WINDOW_MINUTES);
   * 0 never reopens.
   */
  reopenWindowMs: number;
  /**
   * Resolved conversations awaiting a CSAT answer: a bare 1-5 reply to one is the answer and does not reopen
   * it (ADR 0025). An answered one is taken out, so a second digit reopens as usual.
   */
  awaitingCsat?: Set<string>;
}

/** What routing needs to know about a conversation this message reopened. */
export interface Reopening {
  previousAgentId: string | null;
  offerAttempts: number;
  resolvedAt: number;
}

export interface PlannedMessage {
  record: InboundContactV1;
  messageId: string;
  conversationId: string;
  customerId: string;
  /** True when this message opened the conversation, which then needs routing. */
  opened: boolean;
  /** Set when this message reopened a resolved conversation, which then needs routing again. */
  reopened: Reopening | null;
  /** True when the customer is new, so there is no history to make routing sticky. */
  newCustomer: boolean;
  queueId: string | null;
  slaDeadline: number | null;
  /** Set when the message is the customer's CSAT answer to a resolved conversation's survey. */
  csatScore?: number;
}

export interface IntakePlan {
  stored: PlannedMessage[];
  /** Records whose channel message id is already stored (a redelivery or a duplicate send). */
  duplicates: InboundContactV1[];
}

const PREVIEW_CHARS = 280;

export function planIntake(
  state: TenantIntakeState,
  records: readonly InboundContactV1[],
  ctx: IntakePlanContext,
  set: WriteSet,
): IntakePlan {
  const plan: IntakePlan = { stored: [], duplicates: [] };
  for (const record of records) {
    const key = messageKey(record.channel, record.channelMessageId);
    if (state.recentMessages.has(key) || ctx.alreadyStored.has(key)) {
      state.recentMessages.set(key, true);
      plan.duplicates.push(record);
      continue;
    }
    state.recentMessages.set(key, true);
    plan.stored.push(planOne(state, record, ctx, set));
  }
  return plan;
}

function planOne(
  state: TenantIntakeState,
  record: InboundContactV1,
  ctx: IntakePlanContext,
  set: WriteSet,
): PlannedMessage {
  const { customerId, newCustomer } = resolveCustomer(state, record, ctx, set);
  const sentAt = Date.parse(record.sentAt);
  const receivedAt = Date.parse(record.receivedAt);
  const queueId = record.queue ? (ctx.queueIds.get(record.queue) ?? null) : null;
  const base = { record, customerId, newCustomer, queueId, opened: false, reopened: null, slaDeadline: null };
  const open = state.openConversationFor(customerId, record.channel, record.threadKey);
  let planned: Omit<PlannedMessage, 'messageId'>;
  if (open) {
    open.preview = preview(record);
    set.changeConversation(open.id, { lastMessageAt: sentAt });
    planned = { ...base, conversationId: open.id };
  } else {
    const resolved =
      ctx.reopenWindowMs > 0
        ? state.resolvedConversationFor(
            customerId,
            record.channel,
            record.threadKey,
            receivedAt - ctx.reopenWindowMs,
          )
        : undefined;
    const score = resolved ? csatScoreOf(record.body) : null;
    const answers =
      resolved !== undefined && score !== null && ctx.awaitingCsat?.delete(resolved.id) === true;
    planned =
      resolved && answers && score !== null
        ? { ...base, conversationId: resolved.id, csatScore: score }
        : resolved
          ? { ...base, ...reopen(state, record, resolved, queueId, ctx, set) }
          : { ...base, opened: true, ...openNew(state, record, customerId, queueId, ctx, set) };
  }
  const messageId = ctx.newId();
  set.messages.push({
    id: messageId,
    conversationId: planned.conversationId,
    channel: record.channel,
    channelMessageId: record.channelMessageId,
    body: record.body,
    html: record.html ?? null,
    attachments: JSON.stringify(record.attachments ?? []),
    sentAt,
  });
  return { ...planned, messageId };
}

const preview = (record: InboundContactV1): string => record.body.slice(0, PREVIEW_CHARS);

/** The first-response clock starts when the edge accepted the message, not when the router got to it. */
function startSla(
  record: InboundContactV1,
  conversationId: string,
  queueId: string | null,
  ctx: IntakePlanContext,
  set: WriteSet,
  payload: Record<string, unknown>,
): number | null {
  const receivedAt = Date.parse(record.receivedAt);
  const slaDeadline = ctx.slaDeadline({
    queueId,
    channel: record.channel,
    tier: record.tier ?? 'standard',
    priority: record.priority ?? 0,
    receivedAt,
  });
  if (slaDeadline !== null) {
    set.slaEvents.push({
      id: ctx.newId(),
      conversationId,
      kind: 'started',
      at: receivedAt,
      deadline: slaDeadline,
      payload: JSON.stringify({ target: 'firstResponse', ...payload }),
    });
  }
  return slaDeadline;
}

/**
 * Queues a resolved conversation again, under the record's queue and a new first-response clock: the customer
 * is waiting again, just as for a new conversation.
 */
function reopen(
  state: TenantIntakeState,
  record: InboundContactV1,
  resolved: ResolvedConversation,
  queueId: string | null,
  ctx: IntakePlanContext,
  set: WriteSet,
): { conversationId: string; reopened: Reopening; slaDeadline: number | null } {
  state.reopen(resolved.id, preview(record));
  const slaDeadline = startSla(record, resolved.id, queueId, ctx, set, { reopened: true });
  set.changeConversation(resolved.id, {
    status: 'queued',
    resolvedAt: null,
    lastMessageAt: Date.parse(record.sentAt),
    queueId,
    slaDeadline,
  });
  const { lastAgentId, offerAttempts, resolvedAt } = resolved;
  return {
    conversationId: resolved.id,
    reopened: { previousAgentId: lastAgentId, offerAttempts, resolvedAt },
    slaDeadline,
  };
}

function openNew(
  state: TenantIntakeState,
  record: InboundContactV1,
  customerId: string,
  queueId: string | null,
  ctx: IntakePlanContext,
  set: WriteSet,
): { conversationId: string; slaDeadline: number | null } {
  const conversationId = ctx.newId();
  const receivedAt = Date.parse(record.receivedAt);
  const slaDeadline = startSla(record, conversationId, queueId, ctx, set, {});
  set.addConversation({
    id: conversationId,
    customerId,
    channel: record.channel,
    queueId,
    inboxId: record.inboxId ?? null,
    priority: record.priority ?? 0,
    tier: record.tier ?? 'standard',
    subject: record.subject ?? null,
    language: record.language ?? null,
    threadKey: record.threadKey ?? null,
    requiredSkills: JSON.stringify(
      Object.fromEntries((record.requiredSkills ?? []).map((s) => [s.skill, s.minProficiency])),
    ),
    lastMessageAt: Date.parse(record.sentAt),
    createdAt: receivedAt,
    slaDeadline,
    status: 'queued',
    resolvedAt: null,
  });
  state.addOpen({
    id: conversationId,
    customerId,
    channel: record.channel,
    threadKey: record.threadKey ?? null,
    createdAt: receivedAt,
    preview: preview(record),
  });
  return { conversationId, slaDeadline };
}

function resolveCustomer(
  state: TenantIntakeState,
  record: InboundContactV1,
  ctx: IntakePlanContext,
  set: WriteSet,
): { customerId: string; newCustomer: boolean } {
  const { channel } = record;
  const { address } = record.from;
  const known = state.identities.get(identityKey(channel, address));
  if (known) return { customerId: known, newCustomer: false };
  // The same address on another channel (an email typed into the chat widget, one phone on WhatsApp and
  // voice) is the same person: one profile, with a new identity for this channel.
  const sameAddress = state.addresses.get(address);
  const customerId = sameAddress ?? ctx.newId();
  if (!sameAddress) {
    set.customers.push({
      id: customerId,
      displayName: record.from.displayName ?? null,
      preferredLanguage: record.language ?? null,
      createdAt: Date.parse(record.receivedAt),
    });
  }
  set.identities.push({ id: ctx.newId(), customerId, channel, address });
  state.rememberIdentity(channel, address, customerId);
  return { customerId, newCustomer: !sameAddress };
}
