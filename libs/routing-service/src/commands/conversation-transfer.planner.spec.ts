import { AGENT_COMMAND_V1, type AgentCommandV1, type RoutingEventBody } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditSupervisor, planTransfer } from './conversation-transfer.planner';

type TransferCommand = Extract<AgentCommandV1, { type: 'conversation.transfer' }>;

const base: TransferCommand = {
  schema: AGENT_COMMAND_V1,
  type: 'conversation.transfer',
  commandId: 'cmd1',
  tenantId: 't1',
  agentId: 'a1',
  issuedAt: '2026-12-04T10:00:00.000Z',
  conversationId: 'c1',
  toAgentId: 'a2',
};
// A supervisor without an agent profile: no sender agent, the issuer named instead.
const supervisor = { ...base, agentId: null, issuedBy: { role: 'supervisor', userId: 'u9' } } as const;

const owners = fc.option(
  fc.record({
    agentId: fc.constantFrom('a1', 'a2', 'a3'),
    state: fc.constantFrom('offered' as const, 'assigned' as const),
  }),
  { nil: undefined },
);

describe('planTransfer', () => {
  it('lets an agent transfer exactly what they hold as an assignment', () => {
    fc.assert(
      fc.property(owners, (owner) => {
        const plan = planTransfer(base, owner);
        const holds = owner?.state === 'assigned' && owner.agentId === 'a1';
        expect(plan.kind).toBe(holds ? 'route' : 'refused');
        if (plan.kind === 'refused') expect(plan.code).toBe('FORBIDDEN');
        else expect(plan.command).toMatchObject({ type: 'transferToAgent', byAgentId: 'a1' });
      }),
    );
  });

  it("routes a supervisor's reassign whoever holds it (offered, assigned, or nobody), naming no agent as sender", () => {
    fc.assert(
      fc.property(owners, fc.boolean(), (owner, toQueue) => {
        const command = toQueue
          ? { ...supervisor, toAgentId: undefined, queueId: 'q2', note: 'VIP' }
          : supervisor;
        const plan = planTransfer(command, owner);
        expect(plan.kind).toBe('route');
        if (plan.kind !== 'route') return;
        expect(plan.command).not.toHaveProperty('byAgentId');
        expect(plan.command).toEqual(
          toQueue
            ? { type: 'transferContact', contactId: 'c1', toQueueId: 'q2', reason: 'VIP' }
            : { type: 'transferToAgent', contactId: 'c1', toAgentId: 'a2' },
        );
      }),
    );
  });

  it('refuses a record with no sender agent and no issuer, whoever holds the conversation', () => {
    fc.assert(
      fc.property(owners, (owner) => {
        const plan = planTransfer({ ...base, agentId: null }, owner);
        expect(plan).toMatchObject({ kind: 'refused', code: 'FORBIDDEN' });
      }),
    );
  });
});

describe('creditSupervisor', () => {
  const transferred = (conversationId: string): RoutingEventBody => ({
    type: 'conversation.transferred',
    conversationId,
    fromQueueId: 'q1',
    toQueueId: 'q1',
    agentId: 'a1',
    cause: 'agent',
    note: null,
    toAgentId: 'a2',
  });

  it("marks only this command's transfer event, added after `from`, as the supervisor's", () => {
    const events = [transferred('c1'), transferred('c2'), transferred('c1')];
    creditSupervisor(events, 1, supervisor);
    expect(events).toEqual([
      transferred('c1'),
      transferred('c2'),
      { ...transferred('c1'), cause: 'supervisor', byUserId: 'u9' },
    ]);
  });

  it("leaves an agent's transfer as the agent's", () => {
    const events = [transferred('c1')];
    creditSupervisor(events, 0, base);
    expect(events).toEqual([transferred('c1')]);
  });
});
