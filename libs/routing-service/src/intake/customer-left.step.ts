// The customer gave up before any agent answered: the contact leaves the routing core (a pending offer is
// cancelled), the conversation is closed as abandoned, its SLA clocks stop without a breach, and
// `conversation.abandoned` tells consoles, the visitor's widget and the metrics. Too late once answered.
import { ChannelSchema, type CustomerLeftV1 } from '@switchboard/contracts';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { SlaClockStep } from '../sla/sla-clock.step';
import { addDecisionWrites, type DecisionContext } from '../write/decision-writes';
import type { WriteSet } from '../write/write-set';

/** What became of the record: abandoned, or ignored because an agent has it or it no longer waits. */
export type CustomerLeftOutcome = 'abandoned' | 'answered' | 'not-waiting';

export function customerLeft(
  ctx: TenantContext,
  record: CustomerLeftV1,
  set: WriteSet,
  dc: DecisionContext,
  deps: { sla: Pick<SlaClockStep, 'feed'>; now: () => number },
): CustomerLeftOutcome {
  const id = record.conversationId;
  if (ctx.router.ownerOf(id)?.state === 'assigned') return 'answered';
  const open = ctx.intake.conversation(id);
  const channel = ChannelSchema.safeParse(open?.channel);
  const queueId = ctx.router.queueOf(id);
  if (queueId === undefined || !channel.success) return 'not-waiting';
  // Read before the core forgets the contact: a reopened conversation numbers its next offers after these.
  const offerAttempts = ctx.router.offerAttempts(id);
  const outcome = ctx.router.try({ type: 'contactWithdrawn', contactId: id });
  if (!outcome.ok) return 'not-waiting';
  // First: a cancelled offer puts the conversation back to queued, which the close below then overrides.
  addDecisionWrites(set, outcome.decisions, dc);
  const at = deps.now();
  set.changeConversation(id, { status: 'resolved', resolvedAt: at, abandonedAt: at });
  // Remembered as resolved, so the customer writing again within the reopen window reopens it.
  ctx.intake.close(id, { resolvedAt: at, lastAgentId: null, offerAttempts });
  deps.sla.feed(ctx, set, dc, id, { type: 'abandoned', at });
  set.events.push({
    type: 'conversation.abandoned',
    conversationId: id,
    queueId,
    channel: channel.data,
    reason: record.reason,
  });
  return 'abandoned';
}
