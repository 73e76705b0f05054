import { AGENT_COMMAND_V1 } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { planReply, replyKey, type ReplyCommand, type ReplyFacts } from './reply.planner';

let commands = 0;
const replyCommand = (extra: Partial<ReplyCommand> = {}): ReplyCommand => ({
  schema: AGENT_COMMAND_V1,
  type: 'conversation.reply',
  commandId: `cmd-${++commands}`,
  tenantId: 't1',
  agentId: 'alice',
  issuedAt: '2026-12-04T10:00:00.000Z',
  conversationId: 'c1',
  body: 'Hello',
  clientMessageId: 'client-1',
  ...extra,
});

const facts = (stored: string[] = []): ReplyFacts => ({
  targets: new Map([
    [
      'c1',
      {
        channel: 'whatsapp',
        inboxId: null,
        address: '+15550001',
        threadKey: null,
        inReplyTo: 'wamid.in',
        subject: null,
      },
    ],
  ]),
  storedKeys: new Set(stored),
});

function context(assignedAgentId: string | undefined) {
  let n = 0;
  return { assignedAgentId, newId: () => `m${++n}`, now: 5_000 };
}

describe('reply planning', () => {
  it('stores the assigned agent’s reply as a queued outbound message and announces it with what the connector needs', () => {
    const set = new WriteSet();
    const outcome = planReply(replyCommand({ html: '<p>Hello</p>' }), facts(), context('alice'), set);
    expect(outcome).toEqual({ kind: 'stored', messageId: 'm1' });
    expect(set.replies).toEqual([
      {
        id: 'm1',
        conversationId: 'c1',
        agentId: 'alice',
        channel: 'whatsapp',
        channelMessageId: 'reply:alice:client-1',
        body: 'Hello',
        html: '<p>Hello</p>',
        sentAt: 5_000,
        deliveryStatus: 'queued',
        deliveryStatusAt: 5_000,
        providerMessageId: null,
        deliveryError: null,
      },
    ]);
    expect(set.events).toEqual([
      {
        type: 'reply.created',
        conversationId: 'c1',
        messageId: 'm1',
        agentId: 'alice',
        clientMessageId: 'client-1',
        channel: 'whatsapp',
        inboxId: null,
        to: { address: '+15550001' },
        threadKey: null,
        inReplyTo: 'wamid.in',
        subject: null,
        body: 'Hello',
        html: '<p>Hello</p>',
        status: 'queued',
      },
    ]);
  });

  it('refuses an agent who does not hold the conversation’s open assignment, storing nothing', () => {
    for (const holder of ['bob', undefined]) {
      const set = new WriteSet();
      const outcome = planReply(replyCommand(), facts(), context(holder), set);
      expect(outcome).toMatchObject({ kind: 'rejected', code: 'FORBIDDEN' });
      expect(set.replies).toEqual([]);
      expect(set.events).toEqual([
        expect.objectContaining({ type: 'command.rejected', agentId: 'alice', code: 'FORBIDDEN' }),
      ]);
    }
  });

  it('refuses a conversation with no customer address to reply to', () => {
    const set = new WriteSet();
    const outcome = planReply(replyCommand({ conversationId: 'c-unknown' }), facts(), context('alice'), set);
    expect(outcome).toMatchObject({ kind: 'rejected', code: 'NOT_FOUND' });
    expect(set.replies).toEqual([]);
  });

  it('keys a reply by the console’s id, or by the command id when the console gave none', () => {
    expect(replyKey(replyCommand({ clientMessageId: 'x' }))).toBe('reply:alice:x');
    const bare = replyCommand({ clientMessageId: undefined });
    expect(replyKey(bare)).toBe(`reply-command:${bare.commandId}`);
  });

  it('stores a reply once however often it is resent, in one batch or across batches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 30 }),
        fc.subarray(['a', 'b', 'c', 'd']),
        (sends, alreadyStored) => {
          const set = new WriteSet();
          const known = facts(alreadyStored.map((id) => `reply:alice:${id}`));
          const ctx = context('alice');
          for (const id of sends) planReply(replyCommand({ clientMessageId: id }), known, ctx, set);
          const expected = new Set(sends.filter((id) => !alreadyStored.includes(id)));
          expect(set.replies.map((r) => r.channelMessageId).sort()).toEqual(
            [...expected].map((id) => `reply:alice:${id}`).sort(),
          );
          expect(set.events.filter((e) => e.type === 'reply.created')).toHaveLength(expected.size);
          expect(set.events.filter((e) => e.type === 'command.rejected')).toHaveLength(0);
        },
      ),
    );
  });

  it('lets only the holder’s replies through, whoever sends them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ agent: fc.constantFrom('alice', 'bob', 'carol'), id: fc.uuid() }), {
          maxLength: 20,
        }),
        fc.constantFrom('alice', 'bob', undefined),
        (sends, holder) => {
          const set = new WriteSet();
          const known = facts();
          const ctx = context(holder);
          for (const s of sends)
            planReply(replyCommand({ agentId: s.agent, clientMessageId: s.id }), known, ctx, set);
          expect(set.replies.every((r) => r.agentId === holder)).toBe(true);
          expect(set.replies).toHaveLength(sends.filter((s) => s.agent === holder).length);
          expect(set.events.filter((e) => e.type === 'command.rejected')).toHaveLength(
            sends.filter((s) => s.agent !== holder).length,
          );
        },
      ),
    );
  });
});
