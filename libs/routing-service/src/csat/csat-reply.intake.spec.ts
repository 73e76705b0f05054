// A bare 1-5 reply to a surveyed, resolved conversation is its CSAT answer: stored on it without reopening it.
import { INBOUND_CONTACT_V1, type InboundContactV1 } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TenantIntakeState } from '../intake/intake-state';
import { planIntake, type IntakePlanContext } from '../intake/intake.planner';
import { WriteSet } from '../write/write-set';
import { csatScoreOf } from './csat-reply.lookup';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
let counter = 0;
function record(at: number, body: string): InboundContactV1 {
  const iso = new Date(at).toISOString();
  return {
    schema: INBOUND_CONTACT_V1,
    tenantId: 't1',
    channel: 'whatsapp',
    channelMessageId: `wamid.${++counter}`,
    from: { address: '+15550001' },
    body,
    sentAt: iso,
    receivedAt: iso,
  };
}

function setUp(awaiting: boolean) {
  let id = 0;
  const ctx: IntakePlanContext = {
    queueIds: new Map(),
    alreadyStored: new Set(),
    newId: () => `id${++id}`,
    slaDeadline: () => null,
    reopenWindowMs: 60 * 60_000,
  };
  const state = new TenantIntakeState();
  const [first] = planIntake(state, [record(T0, 'Where is my order?')], ctx, new WriteSet()).stored;
  state.close(first.conversationId, { resolvedAt: T0 + 1000, lastAgentId: 'agent-1', offerAttempts: 1 });
  const withCsat = { ...ctx, awaitingCsat: new Set(awaiting ? [first.conversationId] : []) };
  return { state, ctx: withCsat, conversationId: first.conversationId };
}

describe('intake: CSAT answers by reply', () => {
  it('stores "5" on the resolved conversation as its answer, and a second digit reopens it', () => {
    const { state, ctx, conversationId } = setUp(true);
    const set = new WriteSet();
    const [answer, next] = planIntake(
      state,
      [record(T0 + 2000, '5'), record(T0 + 3000, '4')],
      ctx,
      set,
    ).stored;
    expect(answer).toMatchObject({ conversationId, csatScore: 5, opened: false, reopened: null });
    expect(next).toMatchObject({ conversationId, reopened: { previousAgentId: 'agent-1' } });
    expect(next.csatScore).toBeUndefined();
  });

  it('reopens as before when no survey awaits an answer', () => {
    const { state, ctx, conversationId } = setUp(false);
    const [m] = planIntake(state, [record(T0 + 2000, '5')], ctx, new WriteSet()).stored;
    expect(m).toMatchObject({ conversationId, reopened: { previousAgentId: 'agent-1' } });
  });

  it('reads only a bare digit from 1 to 5 as a score', () => {
    expect(['1', ' 3 ', '5.', '4\n'].map(csatScoreOf)).toEqual([1, 3, 5, 4]);
    fc.assert(
      fc.property(fc.string(), (body) => {
        const score = csatScoreOf(body);
        expect(score === null || /^\s*[1-5]\s*\.?\s*$/.test(body)).toBe(true);
      }),
    );
    expect(['0', '6', '10', '5 stars', 'five', ''].map(csatScoreOf)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
