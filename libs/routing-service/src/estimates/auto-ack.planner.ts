// Plans the auto-acknowledgement without I/O: a conversation that arrives (or reopens) and is left waiting is
// told its estimated wait on its own channel, as a system message (ADR 0025), and the prediction is stored
// so it can be scored against the actual wait when the conversation is answered.
import type { Channel } from '@switchboard/contracts';
import { estimateWait, type WaitEstimate } from '@switchboard/metrics';
import type { WaitContext } from '@switchboard/routing-core';
import type { PlannedMessage } from '../intake/intake.planner';
import type { WriteSet } from '../write/write-set';

export interface AutoAckSettings {
  /** Channels whose customers get an acknowledgement; empty turns it off. */
  channels: ReadonlySet<Channel>;
  /** `{wait}` becomes "about 4 minutes", "about 1 minute" or "less than a minute". */
  template: string;
  /** Said when no honest estimate exists (nobody serving, no handle history). */
  unknownText: string;
}

export const DEFAULT_AUTO_ACK_TEMPLATE = "Thanks for your message. We'll be with you in {wait}.";
export const DEFAULT_AUTO_ACK_UNKNOWN =
  "Thanks for your message. We'll reply as soon as someone is available.";

export interface AutoAckContext {
  waitContextOf(conversationId: string): WaitContext | undefined;
  handleTimeMs(queueId: string | null): number | null;
  settings: AutoAckSettings;
  newId(): string;
  now: number;
}

/** The wait said out loud: whole minutes rounded up, since an early agent pleases and a late one does not. */
export function spokenWait(ms: number): string {
  if (ms < 60_000) return 'less than a minute';
  const minutes = Math.ceil(ms / 60_000);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

export function autoAckText(estimate: WaitEstimate, settings: AutoAckSettings): string {
  return estimate.estimateMs === null
    ? settings.unknownText
    : settings.template.replaceAll('{wait}', spokenWait(estimate.estimateMs));
}

/** The estimate for a waiting contact. The core counts exact slots per agent, so they go in as 1-slot agents. */
export function estimateFor(wait: WaitContext, handleTimeMs: number | null): WaitEstimate {
  return estimateWait({
    position: wait.position,
    agentsServing: wait.slots,
    capacityPerAgent: 1,
    freeSlots: wait.freeSlots,
    handleTimeMs,
  });
}

/** Adds an acknowledgement and a stored prediction for each arrival left waiting; returns how many. */
export function planAutoAcks(stored: readonly PlannedMessage[], ctx: AutoAckContext, set: WriteSet): number {
  let planned = 0;
  for (const m of stored) {
    const { record } = m;
    if (!(m.opened || m.reopened) || !ctx.settings.channels.has(record.channel)) continue;
    const wait = ctx.waitContextOf(m.conversationId);
    if (!wait) continue; // offered at once: the agent's own reply is the acknowledgement
    const estimate = estimateFor(wait, ctx.handleTimeMs(m.queueId));
    const messageId = ctx.newId();
    const body = autoAckText(estimate, ctx.settings);
    set.systemMessages.push({
      id: messageId,
      conversationId: m.conversationId,
      kind: 'auto-ack',
      channel: record.channel,
      // One acknowledgement per customer message that opened or reopened the conversation, however redelivered.
      channelMessageId: `auto-ack:${m.messageId}`,
      body,
      html: null,
      sentAt: ctx.now,
    });
    set.waitEstimates.push({
      id: ctx.newId(),
      conversationId: m.conversationId,
      queueId: m.queueId,
      channel: record.channel,
      arrivedAt: Date.parse(record.receivedAt),
      madeAt: ctx.now,
      predictedMs: estimate.estimateMs,
      basis: JSON.stringify({
        ...estimate.basis,
        position: wait.position,
        agentsServing: wait.agentsServing,
      }),
    });
    set.events.push({
      type: 'reply.created',
      kind: 'auto-ack',
      conversationId: m.conversationId,
      messageId,
      agentId: null,
      clientMessageId: null,
      channel: record.channel,
      inboxId: record.inboxId ?? null,
      to: { address: record.from.address },
      threadKey: record.threadKey ?? null,
      inReplyTo: record.channelMessageId,
      subject: record.subject ?? null,
      body,
      html: null,
      status: 'queued',
    });
    planned++;
  }
  return planned;
}
