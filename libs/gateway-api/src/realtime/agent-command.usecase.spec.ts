import type { UserPrincipal } from '@switchboard/auth';
import { loadConfig } from '@switchboard/config';
import {
  AgentCommandV1Schema,
  DomainError,
  FOLLOW_UP_MAX_AHEAD_MS,
  type AgentCommandV1,
} from '@switchboard/contracts';
import type { Bus, OutgoingMessage } from '@switchboard/messaging';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ForwardAgentCommand } from './agent-command.usecase';
import { CommandOutcomeRelay } from './command-outcome.relay';

const NOW = new Date('2026-12-04T10:00:00.000Z');
const agent: UserPrincipal = {
  kind: 'user',
  userId: 'u1',
  tenantId: 't1',
  agentId: 'a1',
  role: 'agent',
  sessionId: 's1',
};

function forwarder() {
  const published: OutgoingMessage[] = [];
  const bus = {
    publish: (_topic: string, messages: OutgoingMessage[]) => {
      published.push(...messages);
      return Promise.resolve();
    },
  } as unknown as Bus;
  const config = loadConfig({ PGLITE_DATA_DIR: 'memory://', COMMAND_ACK_TIMEOUT_MS: '100' });
  const usecase = new ForwardAgentCommand(bus, config, new CommandOutcomeRelay(bus, config));
  const sent = (): AgentCommandV1[] => published.map((m) => JSON.parse(String(m.value)) as AgentCommandV1);
  return { usecase, sent };
}

describe('ForwardAgentCommand: follow-ups', () => {
  it('sends any inMs within the bound as one absolute due instant, inMs left out', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: FOLLOW_UP_MAX_AHEAD_MS }), async (inMs) => {
        const { usecase, sent } = forwarder();
        const input = { type: 'conversation.follow-up', conversationId: 'c1', inMs, note: 'n' };
        const { commandId } = await usecase.execute(agent, input, NOW);
        expect(sent()).toEqual([
          expect.objectContaining({
            type: 'conversation.follow-up',
            commandId,
            conversationId: 'c1',
            at: new Date(NOW.getTime() + inMs).toISOString(),
            note: 'n',
          }),
        ]);
        expect(sent()[0]).not.toHaveProperty('inMs');
      }),
    );
  });

  it.each([
    ['in the past', { at: new Date(NOW.getTime() - 1).toISOString() }, 'at'],
    ['too far ahead', { at: new Date(NOW.getTime() + FOLLOW_UP_MAX_AHEAD_MS + 1).toISOString() }, 'at'],
    ['inMs too large', { inMs: FOLLOW_UP_MAX_AHEAD_MS + 1 }, 'inMs'],
    ['neither at nor inMs', {}, 'at'],
  ])('refuses a due time %s, naming the field, and sends nothing', async (_case, due, path) => {
    const { usecase, sent } = forwarder();
    const input = { type: 'conversation.follow-up', conversationId: 'c1', ...due };
    const error = await usecase.execute(agent, input, NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).issues).toEqual([expect.objectContaining({ path })]);
    expect(sent()).toEqual([]);
  });
});

describe('ForwardAgentCommand: new commands', () => {
  it("sends a transfer's target agent as toAgentId; the record's agentId stays the sender from the token", async () => {
    const { usecase, sent } = forwarder();
    const input = { type: 'conversation.transfer', conversationId: 'c1', agentId: 'a2', note: 'billing' };
    await usecase.execute(agent, input, NOW);
    expect(sent()).toEqual([
      expect.objectContaining({
        type: 'conversation.transfer',
        agentId: 'a1',
        toAgentId: 'a2',
        note: 'billing',
      }),
    ]);
    expect(sent()[0]).not.toHaveProperty('queueId');
  });

  it.each([
    ['both targets', { queueId: 'q1', agentId: 'a2' }],
    ['no target', {}],
  ])('refuses a transfer with %s, naming queueId', async (_case, target) => {
    const { usecase, sent } = forwarder();
    const error = await usecase
      .execute(agent, { type: 'conversation.transfer', conversationId: 'c1', ...target }, NOW)
      .catch((e: unknown) => e);
    expect((error as DomainError).issues).toEqual([expect.objectContaining({ path: 'queueId' })]);
    expect(sent()).toEqual([]);
  });

  it.each([
    ['a disposition with spaces', { disposition: 'no answer' }, 'disposition'],
    ['an empty disposition', { disposition: '' }, 'disposition'],
    ['notes too long', { disposition: 'solved', notes: 'x'.repeat(2001) }, 'notes'],
  ])('refuses a wrap-up with %s, naming the field', async (_case, fields, path) => {
    const { usecase } = forwarder();
    const error = await usecase
      .execute(agent, { type: 'conversation.wrap-up', conversationId: 'c1', ...fields }, NOW)
      .catch((e: unknown) => e);
    expect((error as DomainError).issues).toEqual([expect.objectContaining({ path })]);
  });

  it('forwards close, note and wrap-up as they are', async () => {
    const { usecase, sent } = forwarder();
    await usecase.execute(agent, { type: 'conversation.close', conversationId: 'c1' }, NOW);
    await usecase.execute(agent, { type: 'conversation.note', conversationId: 'c1', body: 'VIP' }, NOW);
    await usecase.execute(
      agent,
      { type: 'conversation.wrap-up', conversationId: 'c1', disposition: 'billing.refund', notes: 'done' },
      NOW,
    );
    expect(sent().map((c) => c.type)).toEqual([
      'conversation.close',
      'conversation.note',
      'conversation.wrap-up',
    ]);
    expect(sent()[2]).toMatchObject({ disposition: 'billing.refund', notes: 'done', agentId: 'a1' });
  });
});

describe('ForwardAgentCommand: a supervisor reassign', () => {
  const supervisor: UserPrincipal = { ...agent, userId: 'u7', agentId: null, role: 'supervisor' };

  it('stamps the issuer from the token and sends the target agent as toAgentId', async () => {
    const { usecase, sent } = forwarder();
    const input = { type: 'conversation.transfer', conversationId: 'c1', agentId: 'a2', note: 'VIP' };
    const { commandId } = await usecase.executeAsSupervisor(supervisor, input, NOW);
    expect(sent()).toEqual([
      {
        schema: 'switchboard.agent-command.v1',
        type: 'conversation.transfer',
        commandId,
        tenantId: 't1',
        // No agent profile: no sender agent (a user id is not an agent's); issuedBy names them.
        agentId: null,
        issuedAt: NOW.toISOString(),
        conversationId: 'c1',
        toAgentId: 'a2',
        note: 'VIP',
        issuedBy: { role: 'supervisor', userId: 'u7' },
      },
    ]);
    expect(AgentCommandV1Schema.safeParse(sent()[0]).success).toBe(true);
  });

  it("sends a supervisor's own agent profile as the sender when they have one", async () => {
    const { usecase, sent } = forwarder();
    const input = { type: 'conversation.transfer', conversationId: 'c1', queueId: 'q1' };
    await usecase.executeAsSupervisor({ ...supervisor, agentId: 'a7' }, input, NOW);
    expect(sent()).toEqual([
      expect.objectContaining({ agentId: 'a7', issuedBy: { role: 'supervisor', userId: 'u7' } }),
    ]);
  });

  it.each([
    ['another command type', { type: 'conversation.resolve', conversationId: 'c1' }],
    [
      'an issuer claimed by the client',
      {
        type: 'conversation.transfer',
        conversationId: 'c1',
        queueId: 'q1',
        issuedBy: { role: 'admin', userId: 'u1' },
      },
    ],
    ['both targets', { type: 'conversation.transfer', conversationId: 'c1', queueId: 'q1', agentId: 'a2' }],
  ])('refuses %s and sends nothing', async (_case, input) => {
    const { usecase, sent } = forwarder();
    await expect(usecase.executeAsSupervisor(supervisor, input, NOW)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(sent()).toEqual([]);
  });

  it('refuses an agent, whatever they send', async () => {
    const { usecase, sent } = forwarder();
    const input = { type: 'conversation.transfer', conversationId: 'c1', queueId: 'q1' };
    await expect(usecase.executeAsSupervisor(agent, input, NOW)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(sent()).toEqual([]);
  });
});
