// Follow-ups inside the tenant's batch: schedules and cancels them for agent commands, arms their timers on
// the process's timer driver (again for every scheduled one when a router takes the tenant over), and fires
// each due one once: a resolved conversation comes back as routable work preferring the agent who set it.
import type { Channel } from '@switchboard/contracts';
import type { Conversation, PrismaClient, SqlExecutor } from '@switchboard/persistence';
import type { ContactInput } from '@switchboard/routing-core';
import type { Logger } from 'pino';
import { toContactInput } from '../engine/routing-input.mapper';
import type { TenantContext } from '../engine/tenant-router.registry';
import { loadReopenedClocks } from '../sla/sla-clock.loader';
import type { SlaClockStep, SlaWakeUps } from '../sla/sla-clock.step';
import { addDecisionWrites, type DecisionContext } from '../write/decision-writes';
import type { WriteSet } from '../write/write-set';
import { followUpTimerKey } from './follow-up-timer.util';
import { loadDue, loadFollowUp, loadScheduled, type DueFollowUp } from './follow-up.lookups';
import {
  planCancel,
  planDue,
  planSchedule,
  type CancelCommand,
  type KnownFollowUp,
  type ScheduleCommand,
} from './follow-up.planner';

export interface FollowUpStepDeps {
  prisma: PrismaClient;
  sql: SqlExecutor;
  wakeUps: Pick<SlaWakeUps, 'schedule' | 'scheduleMany' | 'cancel'>;
  sla: SlaClockStep;
  now: () => number;
  logger: Logger;
}

export class FollowUpStep {
  constructor(private readonly deps: FollowUpStepDeps) {}

  /** A tenant was just taken over: every scheduled follow-up is armed again (one read). */
  async scheduleLoaded(ctx: TenantContext): Promise<void> {
    const scheduled = await loadScheduled(this.deps.prisma, ctx.tenantId);
    this.deps.wakeUps.scheduleMany(
      scheduled.map((f) => ({ tenantId: ctx.tenantId, key: followUpTimerKey(f.id), dueAt: f.dueAt })),
    );
  }

  async schedule(ctx: TenantContext, command: ScheduleCommand, set: WriteSet): Promise<void> {
    const owner = ctx.router.ownerOf(command.conversationId);
    const dueAt = planSchedule(
      command,
      {
        assignedAgentId: owner?.state === 'assigned' ? owner.agentId : undefined,
        known: await this.known(ctx.tenantId, command.commandId, set),
        now: this.deps.now(),
      },
      set,
    );
    if (dueAt !== null) this.deps.wakeUps.schedule(ctx.tenantId, followUpTimerKey(command.commandId), dueAt);
  }

  async cancel(ctx: TenantContext, command: CancelCommand, set: WriteSet): Promise<void> {
    const known = await this.known(ctx.tenantId, command.followUpId, set);
    if (planCancel(command, known, this.deps.now(), set) === 'applied') {
      this.deps.wakeUps.cancel(ctx.tenantId, followUpTimerKey(command.followUpId));
    }
  }

  /** Fires the due follow-ups that are still scheduled; a cancelled or already fired one does nothing. */
  async due(
    ctx: TenantContext,
    followUpIds: readonly string[],
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    const { prisma, sql, now } = this.deps;
    const due = await loadDue(prisma, ctx.tenantId, followUpIds);
    const at = now();
    const reopening: DueFollowUp[] = [];
    for (const followUp of due) {
      // Two follow-ups due together on one resolved conversation bring it back once.
      const resolved =
        followUp.conversation.status === 'resolved' &&
        !reopening.some((r) => r.conversationId === followUp.conversationId);
      if (planDue(followUp, resolved, at, set) === 'reopen') reopening.push(followUp);
    }
    if (reopening.length === 0) return;
    await loadReopenedClocks(
      sql,
      ctx.tenantId,
      ctx.clocks,
      reopening.map((f) => f.conversationId),
    );
    for (const followUp of reopening) this.reopen(ctx, followUp, at, set, dc);
  }

  /**
   * Queues the resolved conversation again, as a customer's message within the reopen window would, preferring
   * the agent who set the follow-up: the core offers it to them when eligible, otherwise routes it by the queue's
   * strategy at once. The note is the offer's preview.
   */
  private reopen(ctx: TenantContext, f: DueFollowUp, at: number, set: WriteSet, dc: DecisionContext): void {
    const c = f.conversation;
    const preview = f.note ?? '';
    if (!ctx.intake.reopen(c.id, preview)) {
      // Resolved longer ago than the reopen window keeps in memory.
      const { id, customerId, channel, threadKey } = c;
      ctx.intake.addOpen({ id, customerId, channel, threadKey, createdAt: c.createdAt.getTime(), preview });
    }
    set.changeConversation(c.id, { status: 'queued', resolvedAt: null });
    set.events.push({
      type: 'conversation.reopened',
      conversationId: c.id,
      customerId: c.customerId,
      channel: c.channel as Channel,
      queueId: c.queueId,
      priority: c.priority,
      tier: c.tier,
      previousAgentId: f.agentId,
      resolvedAt: (c.resolvedAt ?? new Date(at)).toISOString(),
    });
    const { decisions, refused } = ctx.router.apply([
      { type: 'contactArrived', contact: followUpContact(c, f, at) },
    ]);
    for (const error of refused)
      this.deps.logger.error({ tenantId: ctx.tenantId, code: error.code }, error.message);
    addDecisionWrites(set, decisions, dc);
    // The work is open again: its clocks resume with a fresh resolution run, as for a customer's reopen.
    this.deps.sla.feed(ctx, set, dc, c.id, { type: 'reopened', at });
  }

  /** Memory first: a follow-up scheduled or changed earlier in this batch is not stored yet. */
  private async known(tenantId: string, id: string, set: WriteSet): Promise<KnownFollowUp | undefined> {
    const fresh = set.newFollowUp(id);
    if (fresh) return fresh;
    const stored = await loadFollowUp(this.deps.prisma, tenantId, id);
    const change = set.followUpChanges.get(id);
    return stored && change ? { ...stored, status: change.status } : stored;
  }
}

/** The conversation as routable work now, sticky to the follow-up's agent; the stale SLA deadline is left out. */
function followUpContact(c: Conversation, f: DueFollowUp, at: number): ContactInput {
  const contact = toContactInput(c, { preferredAgentId: f.agentId, lastAgentId: null, lastHandledAt: null });
  const { slaDeadline: _stale, ...rest } = contact;
  return { ...rest, arrivedAt: at, offerAttempts: f.offerAttempts };
}
