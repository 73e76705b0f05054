// Applies an agent's command to the tenant's routing state and adds its writes and events to the batch's
// write set. A command the state does not allow (a stale accept, another agent's offer) is answered with a
// command.rejected event, never an exception. Redelivered commands (Kafka is at-least-once) whose effect is
// already stored are answered as done.
import { ChannelSchema, ErrorCode, type AgentCommandV1, type Channel } from '@switchboard/contracts';
import type { PrismaClient } from '@switchboard/persistence';
import { RoutingErrorCode } from '@switchboard/routing-core';
import { toCoreStatus } from '../engine/routing-input.mapper';
import { planNote } from './conversation-note.planner';
import { OfferAnswerBook } from './offer-answer.book';
import { creditSupervisor, planTransfer } from './conversation-transfer.planner';
import type { TenantContext } from '../engine/tenant-router.registry';
import type { FollowUpStep } from '../follow-ups/follow-up.step';
import { planReply, type ReplyFacts } from '../replies/reply.planner';
import type { SlaClockStep } from '../sla/sla-clock.step';
import { addDecisionWrites, type DecisionContext } from '../write/decision-writes';
import type { WriteSet } from '../write/write-set';

type Command<T extends AgentCommandV1['type']> = Extract<AgentCommandV1, { type: T }>;

export class AgentCommandHandler {
  private readonly offerAnswers = new OfferAnswerBook();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number,
    private readonly sla: SlaClockStep,
    private readonly followUps: FollowUpStep,
  ) {}

  async handle(
    ctx: TenantContext,
    command: AgentCommandV1,
    set: WriteSet,
    dc: DecisionContext,
    replies: ReplyFacts = { targets: new Map(), storedKeys: new Set() },
  ): Promise<void> {
    switch (command.type) {
      case 'offer.accept':
      case 'offer.decline':
        return this.respondToOffer(ctx, command, set, dc);
      case 'status.set':
        return this.setStatus(ctx, command, set, dc);
      case 'conversation.resolve':
      case 'conversation.close':
      case 'conversation.wrap-up':
        return this.resolve(ctx, command, set, dc);
      case 'conversation.note':
        return this.note(ctx, command, set);
      case 'conversation.reply':
        return this.reply(ctx, command, set, dc, replies);
      case 'conversation.transfer':
        return this.transfer(ctx, command, set, dc);
      case 'conversation.await-customer':
        return this.awaitCustomer(ctx, command, set, dc);
      case 'conversation.follow-up':
        return this.followUps.schedule(ctx, command, set);
      case 'conversation.follow-up-cancel':
        return this.followUps.cancel(ctx, command, set);
    }
  }

  private reply(
    ctx: TenantContext,
    command: Command<'conversation.reply'>,
    set: WriteSet,
    dc: DecisionContext,
    replies: ReplyFacts,
  ): void {
    // The assignment is checked in the routing core's memory; stored facts were read once for the chunk.
    const owner = ctx.router.ownerOf(command.conversationId);
    const at = this.now();
    const outcome = planReply(
      command,
      replies,
      {
        assignedAgentId: owner?.state === 'assigned' ? owner.agentId : undefined,
        newId: () => dc.newId(),
        now: at,
      },
      set,
    );
    if (outcome.kind !== 'stored') return;
    // The stored first response is kept: the column only takes the first reply's instant.
    set.changeConversation(command.conversationId, { firstResponseAt: at });
    this.sla.feed(ctx, set, dc, command.conversationId, { type: 'agentReply', at });
  }

  private transfer(
    ctx: TenantContext,
    command: Command<'conversation.transfer'>,
    set: WriteSet,
    dc: DecisionContext,
  ): void {
    const plan = planTransfer(command, ctx.router.ownerOf(command.conversationId));
    if (plan.kind === 'refused') return reject(set, command, plan.code, plan.message);
    const outcome = ctx.router.try(plan.command);
    if (!outcome.ok) return reject(set, command, transferRefusal(outcome.error.code), outcome.error.message);
    const firstEvent = set.events.length;
    addDecisionWrites(set, outcome.decisions, dc);
    creditSupervisor(set.events, firstEvent, command);
    this.sla.follow(ctx, set, dc, outcome.decisions);
  }

  private awaitCustomer(
    ctx: TenantContext,
    command: Command<'conversation.await-customer'>,
    set: WriteSet,
    dc: DecisionContext,
  ): void {
    if (!holdsAssignment(ctx, command)) return rejectNotYours(set, command);
    this.sla.feed(ctx, set, dc, command.conversationId, { type: 'waitingOnCustomer', at: this.now() });
    set.events.push({
      type: 'conversation.awaiting-customer',
      conversationId: command.conversationId,
      agentId: command.agentId,
    });
  }

  private async respondToOffer(
    ctx: TenantContext,
    command: Command<'offer.accept' | 'offer.decline'>,
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    const conversationId = ctx.router.conversationOfOffer(command.offerId);
    if (!conversationId) {
      // Not live in memory: either already answered (a redelivery) or never this agent's. Rare, so ask the database.
      const offer = await this.prisma.offer.findFirst({
        where: { id: command.offerId, tenantId: command.tenantId, agentId: command.agentId },
        select: { status: true },
      });
      if (offer?.status === (command.type === 'offer.accept' ? 'accepted' : 'declined')) {
        // The same command again is a redelivery, done; another console's answer (a second tab) is refused.
        if (!this.offerAnswers.answeredByAnother(command.offerId, command.commandId)) return;
        return reject(
          set,
          command,
          ErrorCode.OfferNotLive,
          `Offer ${command.offerId} was already ${offer.status} from another console`,
        );
      }
      return reject(set, command, ErrorCode.OfferNotLive, `Offer ${command.offerId} is not live for you`);
    }
    const outcome = ctx.router.try({
      type: command.type === 'offer.accept' ? 'offerAccepted' : 'offerDeclined',
      contactId: conversationId,
      agentId: command.agentId,
      offerId: command.offerId,
    });
    if (!outcome.ok) return reject(set, command, ErrorCode.OfferNotLive, outcome.error.message);
    this.offerAnswers.record(command.offerId, command.commandId);
    addDecisionWrites(set, outcome.decisions, dc);
  }

  private async setStatus(
    ctx: TenantContext,
    command: Command<'status.set'>,
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    if (command.status !== 'offline') {
      const agent = await this.prisma.agent.findFirst({
        where: { id: command.agentId, tenantId: command.tenantId },
        select: { active: true },
      });
      if (!agent?.active) {
        return reject(
          set,
          command,
          ErrorCode.Forbidden,
          'This agent profile is deactivated and cannot take work',
        );
      }
    }
    const outcome = ctx.router.try({
      type: 'setAgentStatus',
      agentId: command.agentId,
      status: toCoreStatus(command.status),
    });
    if (!outcome.ok) return reject(set, command, ErrorCode.NotFound, outcome.error.message);
    // The status is written before the offers it unlocks, in the same transaction.
    set.agentStatuses.set(command.agentId, command.status);
    set.events.push({
      type: 'agent.status-changed',
      agentId: command.agentId,
      status: command.status,
      cause: 'agent',
    });
    addDecisionWrites(set, outcome.decisions, dc);
  }

  private async note(
    ctx: TenantContext,
    command: Command<'conversation.note'>,
    set: WriteSet,
  ): Promise<void> {
    const owner = ctx.router.ownerOf(command.conversationId);
    const assignedAgentId = owner?.state === 'assigned' ? owner.agentId : undefined;
    const plan = planNote(command, {
      assignedAgentId,
      channel: assignedAgentId === command.agentId ? await this.channelOf(ctx, command) : undefined,
      now: this.now(),
    });
    if (plan.kind === 'refused') return reject(set, command, plan.code, plan.message);
    set.notes.push(plan.row);
    set.events.push(plan.event);
  }

  /** The intake memory knows open conversations' channels; one it forgot is read once. */
  private async channelOf(
    ctx: TenantContext,
    command: Command<'conversation.note'>,
  ): Promise<Channel | undefined> {
    const open = ctx.intake.conversation(command.conversationId);
    const channel =
      open?.channel ??
      (
        await this.prisma.conversation.findFirst({
          where: { id: command.conversationId, tenantId: command.tenantId },
          select: { channel: true },
        })
      )?.channel;
    const parsed = ChannelSchema.safeParse(channel);
    return parsed.success ? parsed.data : undefined;
  }

  /** Resolve, its alias close, and wrap-up (which first stores the disposition) end the agent's work. */
  private async resolve(
    ctx: TenantContext,
    command: Command<'conversation.resolve' | 'conversation.close' | 'conversation.wrap-up'>,
    set: WriteSet,
    dc: DecisionContext,
  ): Promise<void> {
    const owner = ctx.router.ownerOf(command.conversationId);
    if (owner?.state !== 'assigned' || owner.agentId !== command.agentId) {
      if (!ctx.intake.conversation(command.conversationId)) {
        const resolved = await this.prisma.conversation.count({
          where: { id: command.conversationId, tenantId: command.tenantId, status: 'resolved' },
        });
        if (resolved > 0) return;
      }
      return reject(
        set,
        command,
        ErrorCode.Forbidden,
        `Conversation ${command.conversationId} is not assigned to you`,
      );
    }
    // Read before the core forgets the contact: a reopened conversation numbers its next offers after these.
    const offerAttempts = ctx.router.offerAttempts(command.conversationId);
    const outcome = ctx.router.try({ type: 'contactCompleted', contactId: command.conversationId });
    if (!outcome.ok) return reject(set, command, ErrorCode.Conflict, outcome.error.message);
    const at = this.now();
    set.changeConversation(command.conversationId, { status: 'resolved', resolvedAt: at });
    set.endAssignment(command.conversationId, at);
    // Remembered as resolved, so the customer writing again within the reopen window reopens it.
    ctx.intake.close(command.conversationId, { resolvedAt: at, lastAgentId: command.agentId, offerAttempts });
    this.sla.feed(ctx, set, dc, command.conversationId, { type: 'resolved', at });
    if (command.type === 'conversation.wrap-up') {
      const notes = command.notes ?? null;
      set.changeConversation(command.conversationId, { wrapUp: { disposition: command.disposition, notes } });
      set.events.push({
        type: 'conversation.wrapped-up',
        conversationId: command.conversationId,
        agentId: command.agentId,
        disposition: command.disposition,
        notes,
      });
    }
    set.events.push({
      type: 'conversation.resolved',
      conversationId: command.conversationId,
      agentId: command.agentId,
    });
    addDecisionWrites(set, outcome.decisions, dc);
  }
}

/** The named agent cannot take it now (a clear, retriable-later refusal); anything else names no target. */
function transferRefusal(code: RoutingErrorCode): string {
  if (code === RoutingErrorCode.AgentUnavailable) return 'AGENT_UNAVAILABLE';
  if (code === RoutingErrorCode.InvalidCommand) return ErrorCode.Conflict;
  return ErrorCode.NotFound;
}

/** Whether the command's agent is the one the conversation is assigned to now. */
function holdsAssignment(ctx: TenantContext, command: AgentCommandV1 & { conversationId: string }): boolean {
  const owner = ctx.router.ownerOf(command.conversationId);
  return owner?.state === 'assigned' && owner.agentId === command.agentId;
}

function rejectNotYours(set: WriteSet, command: AgentCommandV1 & { conversationId: string }): void {
  reject(set, command, ErrorCode.Forbidden, `Conversation ${command.conversationId} is not assigned to you`);
}

function reject(set: WriteSet, command: AgentCommandV1, code: string, message: string): void {
  set.events.push({
    type: 'command.rejected',
    commandId: command.commandId,
    agentId: command.agentId,
    code,
    message,
  });
}
