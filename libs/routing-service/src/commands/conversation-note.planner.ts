// An agent's internal note: stored on the thread as a message with direction internal (never sent to the
// customer) and announced as `conversation.noted`, which agents' and supervisors' consoles show in the thread.
import { ErrorCode, type AgentCommandV1, type Channel, type RoutingEventBody } from '@switchboard/contracts';
import type { NoteRow } from '../write/write-rows';

type NoteCommand = Extract<AgentCommandV1, { type: 'conversation.note' }>;

export interface NoteFacts {
  /** The agent the conversation is assigned to now, if any. */
  assignedAgentId: string | undefined;
  /** The conversation's channel, if it exists in the tenant. */
  channel: Channel | undefined;
  now: number;
}

export type NotePlan =
  | { kind: 'stored'; row: NoteRow; event: RoutingEventBody }
  | { kind: 'refused'; code: string; message: string };

/** Only the agent holding the conversation writes on its thread, as for replies. */
export function planNote(command: NoteCommand, facts: NoteFacts): NotePlan {
  if (facts.channel === undefined || facts.assignedAgentId !== command.agentId) {
    return {
      kind: 'refused',
      code: ErrorCode.Forbidden,
      message: `Conversation ${command.conversationId} is not assigned to you`,
    };
  }
  // The command id is the note's id: a redelivered command stores its note once and announces the same message.
  const row: NoteRow = {
    id: command.commandId,
    conversationId: command.conversationId,
    agentId: command.agentId,
    channel: facts.channel,
    channelMessageId: `note:${command.commandId}`,
    body: command.body,
    sentAt: facts.now,
  };
  return {
    kind: 'stored',
    row,
    event: {
      type: 'conversation.noted',
      conversationId: row.conversationId,
      messageId: row.id,
      agentId: row.agentId,
      channel: facts.channel,
      body: row.body,
    },
  };
}
