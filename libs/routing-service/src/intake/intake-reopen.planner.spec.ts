// Reopening: a message on a conversation resolved within the window reopens it (preferring its last agent)
// instead of opening a new one; threads still pick the right conversation, and a batch reopens it once.
import { INBOUND_CONTACT_V1, type InboundContactV1 } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { TenantIntakeState } from './intake-state';
import { planIntake, type IntakePlanContext } from './intake.planner';

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const WINDOW = 30 * MINUTE;

let counter = 0;
function record(at: number, over: Partial<InboundContactV1> = {}): InboundContactV1 {
  const iso = new Date(at).toISOString();
  return {
    schema: INBOUND_CONTACT_V1,
    tenantId: 't1',
    channel: 'email',
    channelMessageId: `m${++counter}`,
    from: { address: 'ana@example.com' },
    body: `message ${counter}`,
    sentAt: iso,
    receivedAt: iso,
    ...over,
  };
}

function context(over: Partial<IntakePlanContext> = {}): IntakePlanContext {
  let id = 0;
  return {
    queueIds: new Map([['billing', 'q-billing']]),
    alreadyStored: new Set(),
    newId: () => `id${++id}`,
    slaDeadline: ({ receivedAt }) => receivedAt + 10 * MINUTE,
    reopenWindowMs: WINDOW,
    ...over,
  };
}

/** Plans one record into a fresh state and resolves its conversation at `resolvedAt` by agent `agent-1`. */
function resolvedConversation(
  ctx: IntakePlanContext,
  resolvedAt: number,
  over: Partial<InboundContactV1> = {},
) {
  const state = new TenantIntakeState();
  const [first] = planIntake(state, [record(T0, over)], ctx, new WriteSet()).stored;
  state.close(first.conversationId, { resolvedAt, lastAgentId: 'agent-1', offerAttempts: 2 });
  return { state, conversationId: first.conversationId };
}

describe('intake planner: reopening', () => {
  it('reopens a conversation resolved within the window, with its last agent and offer count', () => {
    const ctx = context();
    const { state, conversationId } = resolvedConversation(ctx, T0 + MINUTE);
    const set = new WriteSet();
    const at = T0 + MINUTE + WINDOW;
    const [m] = planIntake(state, [record(at, { queue: 'billing' })], ctx, set).stored;
    expect(m).toMatchObject({
      conversationId,
      opened: false,
      reopened: { previousAgentId: 'agent-1', offerAttempts: 2, resolvedAt: T0 + MINUTE },
      slaDeadline: at + 10 * MINUTE,
    });
    expect(set.conversations).toEqual([]);
    expect(set.conversationChanges.get(conversationId)).toEqual({
      status: 'queued',
      resolvedAt: null,
      lastMessageAt: at,
      queueId: 'q-billing',
      slaDeadline: at + 10 * MINUTE,
    });
    expect(set.slaEvents).toMatchObject([{ conversationId, at, deadline: at + 10 * MINUTE }]);
    expect(JSON.parse(set.slaEvents[0].payload)).toEqual({ target: 'firstResponse', reopened: true });
    expect(set.messages).toMatchObject([{ conversationId, id: m.messageId }]);
    expect(state.conversation(conversationId)?.preview).toBe(m.record.body);
  });

  it('opens a new conversation once the window has passed, or when reopening is disabled', () => {
    for (const [ctx, at] of [
      [context(), T0 + MINUTE + WINDOW + 1],
      [context({ reopenWindowMs: 0 }), T0 + 2 * MINUTE],
    ] as const) {
      const { state, conversationId } = resolvedConversation(ctx, T0 + MINUTE);
      const set = new WriteSet();
      const [m] = planIntake(state, [record(at)], ctx, set).stored;
      expect(m.opened).toBe(true);
      expect(m.reopened).toBeNull();
      expect(m.conversationId).not.toBe(conversationId);
      expect(set.conversationChanges.size).toBe(0);
    }
  });

  it('reopens the conversation of the message thread, and only that one', () => {
    const ctx = context();
    const state = new TenantIntakeState();
    const [a, b] = planIntake(
      state,
      [record(T0, { threadKey: 'thread-a' }), record(T0, { threadKey: 'thread-b' })],
      ctx,
      new WriteSet(),
    ).stored;
    state.close(a.conversationId, { resolvedAt: T0 + 1, lastAgentId: 'agent-a', offerAttempts: 1 });
    state.close(b.conversationId, { resolvedAt: T0 + 2, lastAgentId: 'agent-b', offerAttempts: 1 });
    const set = new WriteSet();
    const [onA, onC, threadless] = planIntake(
      state,
      [
        record(T0 + MINUTE, { threadKey: 'thread-a' }),
        record(T0 + MINUTE, { threadKey: 'thread-c' }),
        record(T0 + MINUTE),
      ],
      ctx,
      set,
    ).stored;
    expect(onA).toMatchObject({ conversationId: a.conversationId, reopened: { previousAgentId: 'agent-a' } });
    expect(onC.opened).toBe(true);
    // Without a thread key a message joins the customer's newest open conversation on the channel.
    expect(threadless).toMatchObject({ conversationId: onC.conversationId, reopened: null });
  });

  it('reopens once when two messages for the same resolved conversation share a batch', () => {
    const ctx = context();
    const { state, conversationId } = resolvedConversation(ctx, T0 + 1);
    const set = new WriteSet();
    const plan = planIntake(state, [record(T0 + MINUTE), record(T0 + MINUTE + 1)], ctx, set).stored;
    expect(plan.map((m) => m.conversationId)).toEqual([conversationId, conversationId]);
    expect(plan.map((m) => m.reopened !== null)).toEqual([true, false]);
    expect(set.slaEvents).toHaveLength(1);
    expect(set.conversationChanges.get(conversationId)?.lastMessageAt).toBe(T0 + MINUTE + 1);
  });

  it('prefers an open conversation over a resolved one on the same key', () => {
    const ctx = context();
    const { state, conversationId } = resolvedConversation(ctx, T0 + 1);
    const [opened] = planIntake(state, [record(T0 + 2, { channel: 'chat' })], ctx, new WriteSet()).stored;
    // The email conversation is resolved, so the chat one opened beside it; email still reopens its own.
    const [email, chat] = planIntake(
      state,
      [record(T0 + 3), record(T0 + 3, { channel: 'chat' })],
      ctx,
      new WriteSet(),
    ).stored;
    expect(email.conversationId).toBe(conversationId);
    expect(chat).toMatchObject({ conversationId: opened.conversationId, reopened: null, opened: false });
  });

  it('clears the resolution of a conversation resolved earlier in the same batch', () => {
    const ctx = context();
    const { state, conversationId } = resolvedConversation(ctx, T0 + 1);
    const set = new WriteSet();
    set.changeConversation(conversationId, { status: 'resolved', resolvedAt: T0 + 1 });
    planIntake(state, [record(T0 + 2)], ctx, set);
    expect(set.conversationChanges.get(conversationId)).toMatchObject({ status: 'queued', resolvedAt: null });
  });

  const step = fc.oneof(
    fc.record({
      kind: fc.constant('message' as const),
      customer: fc.constantFrom('ana@example.com', 'bo@example.com'),
      channel: fc.constantFrom('email' as const, 'chat' as const),
      thread: fc.constantFrom(undefined, 'thread-1', 'thread-2'),
      dt: fc.integer({ min: 0, max: 3 * WINDOW }),
    }),
    fc.record({
      kind: fc.constant('resolve' as const),
      pick: fc.nat(),
      dt: fc.integer({ min: 0, max: WINDOW }),
    }),
  );

  it('keeps one open conversation per customer, channel and thread, and never reopens a stale one', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const ctx = context();
        const state = new TenantIntakeState();
        const open = new Map<string, string>(); // conversation id -> customer, channel and thread
        const resolved = new Map<string, { key: string; at: number }>();
        let now = T0;
        for (const s of steps) {
          now += s.dt;
          if (s.kind === 'resolve') {
            const ids = [...open.keys()];
            if (ids.length === 0) continue;
            const id = ids[s.pick % ids.length];
            state.close(id, { resolvedAt: now, lastAgentId: 'agent-1', offerAttempts: 1 });
            resolved.set(id, { key: open.get(id) ?? '', at: now });
            open.delete(id);
            continue;
          }
          const r = record(now, { from: { address: s.customer }, channel: s.channel, threadKey: s.thread });
          const [m] = planIntake(state, [r], ctx, new WriteSet()).stored;
          const wasResolved = resolved.get(m.conversationId);
          if (wasResolved) {
            expect(now - wasResolved.at).toBeLessThanOrEqual(WINDOW);
            expect(m.reopened).not.toBeNull();
            resolved.delete(m.conversationId);
            open.set(m.conversationId, wasResolved.key);
          } else if (!open.has(m.conversationId)) {
            expect(m.opened).toBe(true);
            open.set(m.conversationId, `${m.customerId}/${s.channel}/${s.thread ?? ''}`);
          }
          // A message naming a thread only ever joins that thread's conversation.
          if (s.thread !== undefined) expect(open.get(m.conversationId)?.endsWith(`/${s.thread}`)).toBe(true);
          const keys = [...open.values()];
          expect(new Set(keys).size).toBe(keys.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
