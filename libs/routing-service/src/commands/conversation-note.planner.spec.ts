import type { AgentCommandV1 } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planNote } from './conversation-note.planner';

const note = (
  agentId: string,
  body = 'called the courier',
): Extract<AgentCommandV1, { type: 'conversation.note' }> => ({
  schema: 'switchboard.agent-command.v1',
  commandId: 'cmd-1',
  tenantId: 't1',
  agentId,
  issuedAt: '2026-12-05T10:00:00.000Z',
  type: 'conversation.note',
  conversationId: 'v1',
  body,
});

describe('planNote', () => {
  it("stores a note of the assigned agent as an internal message with the command's id, and announces it", () => {
    const plan = planNote(note('a1'), { assignedAgentId: 'a1', channel: 'email', now: 5 });
    expect(plan).toEqual({
      kind: 'stored',
      row: {
        id: 'cmd-1',
        conversationId: 'v1',
        agentId: 'a1',
        channel: 'email',
        channelMessageId: 'note:cmd-1',
        body: 'called the courier',
        sentAt: 5,
      },
      event: {
        type: 'conversation.noted',
        conversationId: 'v1',
        messageId: 'cmd-1',
        agentId: 'a1',
        channel: 'email',
        body: 'called the courier',
      },
    });
  });

  it('refuses anyone but the assigned agent, and an unknown conversation, with FORBIDDEN', () => {
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom('a1', 'a2'), { nil: undefined }),
        fc.option(fc.constant('chat'), { nil: undefined }),
        (assignedAgentId, channel) => {
          const plan = planNote(note('a1'), { assignedAgentId, channel, now: 5 });
          expect(plan.kind === 'stored').toBe(assignedAgentId === 'a1' && channel !== undefined);
          if (plan.kind === 'refused') expect(plan.code).toBe('FORBIDDEN');
        },
      ),
    );
  });
});
