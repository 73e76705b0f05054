// Decides what a follow-up command or a due follow-up does, and adds its rows and events to the batch's write
// set. Pure: the stored facts (the follow-up, its conversation's status, who holds the conversation) come in.
import {
  ErrorCode,
  FOLLOW_UP_MAX_AHEAD_MS,
  type AgentCommandV1,
  type RoutingEventBody,
} from '@switchboard/contracts';
import type { FollowUpStatus, WriteSet } from '../write/write-set';

export type ScheduleCommand = Extract<AgentCommandV1, { type: 'conversation.follow-up' }>;
export type CancelCommand = Extract<AgentCommandV1, { type: 'conversation.follow-up-cancel' }>;

/** A follow-up as stored, or as scheduled earlier in this batch. */
export interface KnownFollowUp {
  id: string;
  conversationId: string;
  agentId: string;
  dueAt: number;
  note: string | null;
  status: FollowUpStatus;
}

export type PlanOutcome = 'applied' | 'duplicate' | 'rejected';

/**
 * Schedules a follow-up for the agent holding the conversation. Its id is the command's id, so a redelivered
 * command finds it stored and changes nothing. Returns the due instant to arm, or null.
 */
export function planSchedule(
  command: ScheduleCommand,
  facts: { assignedAgentId: string | undefined; known: KnownFollowUp | undefined; now: number },
  set: WriteSet,
): number | null {
  if (facts.known) return null;
  if (facts.assignedAgentId !== command.agentId) {
    reject(
      set,
      command,
      ErrorCode.Forbidden,
      `Conversation ${command.conversationId} is not assigned to you`,
    );
    return null;
  }
  const dueAt = Date.parse(command.at);
  // The gateway checked the bound against its clock; this holds it against a command built elsewhere.
  if (!Number.isFinite(dueAt) || dueAt - Date.parse(command.issuedAt) > FOLLOW_UP_MAX_AHEAD_MS) {
    reject(set, command, ErrorCode.ValidationFailed, 'at: must be at most 90 days ahead');
    return null;
  }
  const note = command.note ?? null;
  set.addFollowUp({
    id: command.commandId,
    conversationId: command.conversationId,
    agentId: command.agentId,
    dueAt,
    note,
    status: 'scheduled',
    createdAt: facts.now,
    firedAt: null,
    cancelledAt: null,
  });
  set.events.push({
    type: 'follow-up.scheduled',
    followUpId: command.commandId,
    conversationId: command.conversationId,
    agentId: command.agentId,
    dueAt: new Date(dueAt).toISOString(),
    note,
  });
  return dueAt;
}

/** Cancels a scheduled follow-up; only the agent who set it may. A cancelled one stays cancelled. */
export function planCancel(
  command: CancelCommand,
  known: KnownFollowUp | undefined,
  now: number,
  set: WriteSet,
): PlanOutcome {
  if (known?.agentId !== command.agentId) {
    reject(set, command, ErrorCode.NotFound, `Follow-up ${command.followUpId} is not one of yours`);
    return 'rejected';
  }
  if (known.status === 'cancelled') return 'duplicate';
  if (known.status === 'fired') {
    reject(set, command, ErrorCode.Conflict, `Follow-up ${command.followUpId} has already come due`);
    return 'rejected';
  }
  set.closeFollowUp(known.id, 'cancelled', now);
  set.events.push({
    type: 'follow-up.cancelled',
    followUpId: known.id,
    conversationId: known.conversationId,
    agentId: known.agentId,
  });
  return 'applied';
}

/** What a due follow-up does: bring a resolved conversation back, remind about an open one, or nothing. */
export type DueAction = 'reopen' | 'remind' | 'none';

/**
 * Fires a due follow-up once: its status flips to fired in the write set that carries its effects, so a
 * timer armed again after a restart finds it fired and does nothing.
 */
export function planDue(
  known: KnownFollowUp | undefined,
  conversationResolved: boolean,
  now: number,
  set: WriteSet,
): DueAction {
  if (known?.status !== 'scheduled') return 'none';
  set.closeFollowUp(known.id, 'fired', now);
  const due: RoutingEventBody = {
    type: 'follow-up.due',
    followUpId: known.id,
    conversationId: known.conversationId,
    agentId: known.agentId,
    note: known.note,
    reopened: conversationResolved,
  };
  set.events.push(due);
  return conversationResolved ? 'reopen' : 'remind';
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
