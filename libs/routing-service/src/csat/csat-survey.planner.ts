// Plans the CSAT survey without I/O: a conversation resolved on a channel with surveys on is asked once, ever,
// on its own channel, as a system message (ADR 0025). The answer is one per conversation, so one ask is enough.
import type { Channel } from '@switchboard/contracts';
import type { ReplyTarget } from '../replies/reply.planner';
import type { WriteSet } from '../write/write-set';

export interface CsatSettings {
  /** Channels whose customers are surveyed after resolution; empty turns it off. */
  channels: ReadonlySet<Channel>;
  text: string;
}

export const DEFAULT_CSAT_TEXT =
  'How did we do? Please rate this conversation from 1 (poor) to 5 (great), with a comment if you like.';

/** A resolved conversation's reply target, and whether it was ever surveyed. */
export interface SurveyTarget extends ReplyTarget {
  conversationId: string;
  surveyed: boolean;
}

export interface SurveyPlanContext {
  settings: CsatSettings;
  /** The signed answer page for a conversation, for channels without a socket to answer on. */
  linkFor?: (conversationId: string) => string;
  newId(): string;
  now: number;
}

/** The survey's idempotency key: one per conversation, however often it is resolved. */
export const surveyKey = (conversationId: string): string => `csat-survey:${conversationId}`;

export function planSurveys(targets: readonly SurveyTarget[], ctx: SurveyPlanContext, set: WriteSet): number {
  let planned = 0;
  for (const target of targets) {
    if (target.surveyed || !ctx.settings.channels.has(target.channel)) continue;
    const messageId = ctx.newId();
    // Chat answers on the widget; elsewhere the customer follows the signed link, when one can be made.
    const link = target.channel !== 'chat' ? ctx.linkFor?.(target.conversationId) : undefined;
    const body = link ? `${ctx.settings.text}\n\n${link}` : ctx.settings.text;
    set.systemMessages.push({
      id: messageId,
      conversationId: target.conversationId,
      kind: 'csat-survey',
      channel: target.channel,
      channelMessageId: surveyKey(target.conversationId),
      body,
      html: null,
      sentAt: ctx.now,
    });
    set.events.push({
      type: 'reply.created',
      kind: 'csat-survey',
      conversationId: target.conversationId,
      messageId,
      agentId: null,
      clientMessageId: null,
      channel: target.channel,
      inboxId: target.inboxId,
      to: { address: target.address },
      threadKey: target.threadKey,
      inReplyTo: target.inReplyTo,
      subject: target.subject,
      body,
      html: null,
      status: 'queued',
    });
    planned++;
  }
  return planned;
}
