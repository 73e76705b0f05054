// Feeds a conversation's events (opened, customer message, reply, waiting on the customer, resolved,
// transferred, timer tick) into its SLA clocks inside the tenant's batch: the new clock state, the
// sla_events rows and `sla.*` events go into the same write set, so each warning and breach is stored once
// with the state that records it; the policy's actions become routing commands, applied at once.
import type { RoutingDecision } from '@switchboard/routing-core';
import { applyClockInput, newConversationClocks, type ClockInput } from '@switchboard/sla';
import type { Logger } from 'pino';
import { DEFAULT_QUEUE_ID } from '../engine/routing-input.mapper';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { SlaSubject } from '../intake/sla-catalog';
import { addDecisionWrites, type DecisionContext } from '../write/decision-writes';
import type { WriteSet } from '../write/write-set';
import { earliestDeadline, type ClockEntry } from './sla-clock.book';
import { addOutcomeWrites, escalationCommands, type OutcomeSubject } from './sla-outcome.mapper';

/** Where the step schedules each conversation's next wake-up (the process's timer driver). */
export interface SlaWakeUps {
  schedule(tenantId: string, conversationId: string, dueAt: number): void;
  scheduleMany(timers: Iterable<{ tenantId: string; key: string; dueAt: number }>): void;
  cancel(tenantId: string, conversationId: string): void;
}

export type SlaEvent =
  | { type: 'opened'; at: number; subject: SlaSubject }
  | { type: 'customerMessage'; at: number }
  | { type: 'agentReply'; at: number }
  | { type: 'waitingOnCustomer'; at: number }
  | { type: 'resolved'; at: number }
  | { type: 'abandoned'; at: number }
  | { type: 'reopened'; at: number }
  | { type: 'transferred'; at: number; queueId: string | null }
  | { type: 'tick'; at: number };

/** A chain of overflows re-matching policies that overflow again is cut here (a misconfigured loop). */
const MAX_FOLLOW_DEPTH = 4;

export class SlaClockStep {
  constructor(
    private readonly wakeUps: SlaWakeUps,
    private readonly logger: Logger,
  ) {}

  /** A tenant was just taken over: every loaded clock is woken when it next needs to be. */
  scheduleLoaded(ctx: TenantContext): void {
    this.wakeUps.scheduleMany(ctx.clocks.timers(ctx.tenantId));
  }

  feed(
    ctx: TenantContext,
    set: WriteSet,
    dc: DecisionContext,
    conversationId: string,
    event: SlaEvent,
    depth = 0,
  ): void {
    const prepared = this.prepare(ctx, conversationId, event);
    if (!prepared) return;
    const { entry, input } = prepared;
    const step = applyClockInput(entry.clocks, input);
    const next: ClockEntry = { ...entry, clocks: step.state };
    if (step.state.status === 'resolved') ctx.clocks.delete(conversationId);
    else ctx.clocks.set(conversationId, next);
    set.changeConversation(conversationId, {
      sla: { clocks: JSON.stringify(step.state), deadline: earliestDeadline(step.state) },
    });
    if (step.wakeAt === null) this.wakeUps.cancel(ctx.tenantId, conversationId);
    else this.wakeUps.schedule(ctx.tenantId, conversationId, step.wakeAt);

    const commands = step.outcomes.flatMap((outcome) => {
      const subject = this.outcomeSubject(ctx, conversationId, next.subject.queueId);
      addOutcomeWrites(set, outcome, subject, () => dc.newId());
      return escalationCommands(outcome, subject);
    });
    if (commands.length === 0) return;
    const { decisions, refused } = ctx.router.apply(commands);
    for (const error of refused)
      this.logger.warn({ tenantId: ctx.tenantId, conversationId, code: error.code }, error.message);
    addDecisionWrites(set, decisions, dc);
    this.follow(ctx, set, dc, decisions, depth + 1);
  }

  /** Re-matches the SLA of conversations the routing core moved to another queue (transfer or overflow). */
  follow(
    ctx: TenantContext,
    set: WriteSet,
    dc: DecisionContext,
    decisions: readonly RoutingDecision[],
    depth = 0,
  ): void {
    if (depth > MAX_FOLLOW_DEPTH) {
      this.logger.warn({ tenantId: ctx.tenantId }, 'SLA overflow chain cut: policies overflow in a loop');
      return;
    }
    for (const d of decisions) {
      if (d.type === 'contactEscalated' || d.type === 'overflowed' || d.type === 'contactTransferred') {
        // Stored whole, so a router taking the tenant over restores the same score and rings.
        const escalations = JSON.stringify(ctx.router.escalationsOf(d.contactId));
        set.changeConversation(d.contactId, { escalations });
      }
      if (d.type !== 'overflowed' && d.type !== 'contactTransferred') continue;
      const queueId = d.toQueueId === DEFAULT_QUEUE_ID ? null : d.toQueueId;
      this.feed(ctx, set, dc, d.contactId, { type: 'transferred', at: d.at, queueId }, depth);
    }
  }

  private prepare(
    ctx: TenantContext,
    conversationId: string,
    event: SlaEvent,
  ): { entry: ClockEntry; input: ClockInput } | undefined {
    const known = ctx.clocks.get(conversationId);
    switch (event.type) {
      case 'opened': {
        // Every conversation gets clocks, measured or not, so a transfer into a measured queue can count.
        const sla = ctx.sla.effective(event.subject);
        const entry = { clocks: newConversationClocks(), subject: event.subject };
        return { entry, input: { type: 'opened', at: event.at, sla } };
      }
      case 'transferred': {
        if (!known) return undefined;
        const subject = { ...known.subject, queueId: event.queueId };
        const sla = ctx.sla.effective(subject);
        return { entry: { ...known, subject }, input: { type: 'transferred', at: event.at, sla } };
      }
      case 'customerMessage':
      case 'agentReply':
      case 'waitingOnCustomer':
      case 'resolved':
      case 'abandoned':
      case 'reopened':
      case 'tick':
        return known ? { entry: known, input: { type: event.type, at: event.at } } : undefined;
    }
  }

  private outcomeSubject(ctx: TenantContext, conversationId: string, queueId: string | null): OutcomeSubject {
    const owner = ctx.router.ownerOf(conversationId);
    const routing = owner?.state ?? (ctx.router.knowsContact(conversationId) ? 'waiting' : 'unknown');
    return { conversationId, agentId: owner?.agentId ?? null, queueId, routing };
  }
}
