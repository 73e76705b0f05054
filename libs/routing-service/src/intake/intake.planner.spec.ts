import { INBOUND_CONTACT_V1, type InboundContactV1 } from '@switchboard/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WriteSet } from '../write/write-set';
import { messageKey, TenantIntakeState } from './intake-state';
import { planIntake, type IntakePlanContext } from './intake.planner';

let counter = 0;
const record = (over: Partial<InboundContactV1> = {}): InboundContactV1 => ({
  schema: INBOUND_CONTACT_V1,
  tenantId: 't1',
  channel: 'chat',
  channelMessageId: `m${++counter}`,
  from: { address: 'ana@example.com' },
  body: 'hello',
  sentAt: '2026-12-04T10:00:00.000Z',
  receivedAt: '2026-12-04T10:00:01.000Z',
  ...over,
});

function context(over: Partial<IntakePlanContext> = {}): IntakePlanContext {
  let id = 0;
  return {
    queueIds: new Map([['billing', 'q-billing']]),
    alreadyStored: new Set(),
    newId: () => `id${++id}`,
    slaDeadline: () => null,
    reopenWindowMs: 0,
    ...over,
  };
}

describe('intake planner', () => {
  it('opens one conversation for a new customer and threads their follow-up in the same batch into it', () => {
    const state = new TenantIntakeState();
    const set = new WriteSet();
    const plan = planIntake(state, [record({ body: 'first' }), record({ body: 'second' })], context(), set);
    expect(plan.stored.map((m) => m.opened)).toEqual([true, false]);
    expect(plan.stored[1].conversationId).toBe(plan.stored[0].conversationId);
    expect(set.customers).toHaveLength(1);
    expect(set.identities).toHaveLength(1);
    expect(set.conversations).toHaveLength(1);
    expect(set.messages.map((m) => m.body)).toEqual(['first', 'second']);
    expect(state.conversation(plan.stored[0].conversationId)?.preview).toBe('second');
  });

  it("writes the opening record's inbox on the conversation", () => {
    const set = new WriteSet();
    planIntake(
      new TenantIntakeState(),
      [record({ inboxId: 'inbox-1', queue: 'billing' }), record()],
      context(),
      set,
    );
    expect(set.conversations.map((c) => [c.inboxId, c.queueId])).toEqual([['inbox-1', 'q-billing']]);
  });

  it('skips a message already stored, whether the database or the batch itself holds it', () => {
    const state = new TenantIntakeState();
    const stored = record({ channelMessageId: 'dup-db' });
    const twice = record({ channelMessageId: 'dup-batch' });
    const set = new WriteSet();
    const plan = planIntake(
      state,
      [stored, twice, { ...twice }],
      context({ alreadyStored: new Set([messageKey('chat', 'dup-db')]) }),
      set,
    );
    expect(plan.duplicates.map((r) => r.channelMessageId)).toEqual(['dup-db', 'dup-batch']);
    expect(set.messages.map((m) => m.channelMessageId)).toEqual(['dup-batch']);
  });

  it('merges one address across channels into one customer, with a new identity and its own conversation', () => {
    const state = new TenantIntakeState();
    const set = new WriteSet();
    const plan = planIntake(
      state,
      [record({ channel: 'email' }), record({ channel: 'chat' })],
      context(),
      set,
    );
    expect(plan.stored[1].customerId).toBe(plan.stored[0].customerId);
    expect(plan.stored[1].newCustomer).toBe(false);
    expect(set.customers).toHaveLength(1);
    expect(set.identities.map((i) => i.channel)).toEqual(['email', 'chat']);
    expect(set.conversations).toHaveLength(2);
  });

  it('keeps channel threads apart: a message with another thread key opens its own conversation', () => {
    const state = new TenantIntakeState();
    const set = new WriteSet();
    const plan = planIntake(
      state,
      [record({ threadKey: 'a' }), record({ threadKey: 'b' }), record({ threadKey: 'a' }), record()],
      context(),
      set,
    );
    const [a, b, a2, none] = plan.stored;
    expect(b.conversationId).not.toBe(a.conversationId);
    expect(a2.conversationId).toBe(a.conversationId);
    // Without a thread key a message joins the newest open conversation on the channel.
    expect(none.conversationId).toBe(b.conversationId);
  });

  it('gives a new conversation its queue and SLA deadline, starting the clock at the edge', () => {
    const state = new TenantIntakeState();
    const set = new WriteSet();
    const seen: number[] = [];
    const plan = planIntake(
      state,
      [record({ queue: 'billing', priority: 7, tier: 'gold' })],
      context({
        slaDeadline: (s) => {
          seen.push(s.receivedAt);
          return s.queueId === 'q-billing' ? s.receivedAt + 60_000 : null;
        },
      }),
      set,
    );
    expect(seen).toEqual([Date.parse('2026-12-04T10:00:01.000Z')]);
    expect(plan.stored[0]).toMatchObject({ queueId: 'q-billing', slaDeadline: seen[0] + 60_000 });
    expect(set.conversations[0]).toMatchObject({ queueId: 'q-billing', priority: 7, tier: 'gold' });
    expect(set.slaEvents).toHaveLength(1);
  });

  it('a message for a known customer with a closed conversation opens a new one', () => {
    const state = new TenantIntakeState();
    const first = planIntake(state, [record()], context(), new WriteSet()).stored[0];
    state.close(first.conversationId);
    const set = new WriteSet();
    const next = planIntake(state, [record()], context({ newId: () => 'fresh' }), set).stored[0];
    expect(next).toMatchObject({ opened: true, newCustomer: false, customerId: first.customerId });
    expect(set.customers).toHaveLength(0);
  });

  it('property: every record is stored once or reported a duplicate, and each stored message is in exactly one conversation', () => {
    const arbitraryRecord = fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      who: fc.constantFrom('a@x', 'b@x', 'c@x'),
      channel: fc.constantFrom('chat' as const, 'email' as const, 'whatsapp' as const),
      thread: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryRecord, { maxLength: 60 }), (items) => {
        const state = new TenantIntakeState();
        const set = new WriteSet();
        const records = items.map((i) =>
          record({
            channel: i.channel,
            channelMessageId: `m${i.id}`,
            from: { address: i.who },
            ...(i.thread ? { threadKey: i.thread } : {}),
          }),
        );
        const plan = planIntake(state, records, context(), set);
        expect(plan.stored.length + plan.duplicates.length).toBe(records.length);
        const keys = set.messages.map((m) => messageKey(m.channel, m.channelMessageId));
        expect(new Set(keys).size).toBe(keys.length);
        const conversations = new Set(set.conversations.map((c) => c.id));
        for (const m of set.messages) expect(conversations.has(m.conversationId)).toBe(true);
        // One customer per address, however many channels it used.
        const customers = new Set(plan.stored.map((m) => `${m.record.from.address}:${m.customerId}`));
        expect(customers.size).toBe(new Set(plan.stored.map((m) => m.record.from.address)).size);
      }),
    );
  });
});
