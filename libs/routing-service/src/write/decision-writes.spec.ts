import type { OfferReason, RoutingDecision } from '@switchboard/routing-core';
import { describe, expect, it } from 'vitest';
import { addDecisionWrites, type DecisionContext } from './decision-writes';
import { WriteSet } from './write-set';

const reason = { rule: 'best-fit' } as unknown as OfferReason;
const base = { tenantId: 't1', contactId: 'c1', agentId: 'a1', at: 1_000 };
const offer = (offerId: string, agentId = 'a1'): RoutingDecision => ({
  ...base,
  type: 'offer',
  offerId,
  agentId,
  queueId: 'q',
  channel: 'chat',
  expiresAt: 31_000,
  reason,
});

function ctx(): DecisionContext {
  let n = 0;
  return { newId: () => `id${++n}`, previewOf: () => 'x'.repeat(400) };
}

describe('decision writes', () => {
  it('writes an offer with its reason, marks the conversation offered and announces it with a short preview', () => {
    const set = new WriteSet();
    addDecisionWrites(set, [offer('c1:1')], ctx());
    expect(set.offers).toMatchObject([{ id: 'c1:1', status: 'pending', conversationId: 'c1' }]);
    expect(set.conversationChanges.get('c1')).toEqual({ status: 'offered' });
    expect(set.decisionLogs.map((l) => l.kind)).toEqual(['offer']);
    const [event] = set.events;
    expect(event).toMatchObject({ type: 'offer.created', offerId: 'c1:1' });
    expect(event.type === 'offer.created' && event.preview.length).toBe(280);
  });

  it('inserts an offer closed when it closes within the same batch, so the next offer never collides with it', () => {
    const set = new WriteSet();
    addDecisionWrites(
      set,
      [
        offer('c1:1'),
        { ...base, type: 'requeued', offerId: 'c1:1', cause: 'agent-offline' },
        offer('c1:2', 'a2'),
      ],
      ctx(),
    );
    expect(set.offers.map((o) => [o.id, o.status])).toEqual([
      ['c1:1', 'cancelled'],
      ['c1:2', 'pending'],
    ]);
    expect(set.offerOutcomes.size).toBe(0);
    expect(set.conversationChanges.get('c1')).toEqual({ status: 'offered' });
  });

  it('closes an earlier batch’s offer by update, and accepting it creates the assignment', () => {
    const set = new WriteSet();
    addDecisionWrites(set, [{ ...base, type: 'assigned', offerId: 'c1:1', waitedMs: 5 }], ctx());
    expect(set.offerOutcomes.get('c1:1')).toEqual({ status: 'accepted', at: 1_000 });
    expect(set.assignments).toMatchObject([
      { conversationId: 'c1', agentId: 'a1', offerId: 'c1:1', endedAt: null },
    ]);
    expect(set.events.map((e) => e.type)).toEqual(['offer.closed', 'assignment.created']);
  });

  it('maps a timeout to an expired offer and a decline to a declined one', () => {
    const set = new WriteSet();
    addDecisionWrites(
      set,
      [
        { ...base, type: 'requeued', offerId: 'o1', cause: 'timeout' },
        { ...base, contactId: 'c2', type: 'requeued', offerId: 'o2', cause: 'declined' },
      ],
      ctx(),
    );
    expect([...set.offerOutcomes].map(([id, o]) => [id, o.status])).toEqual([
      ['o1', 'expired'],
      ['o2', 'declined'],
    ]);
  });

  it('ends an assignment made in the same batch on its row', () => {
    const set = new WriteSet();
    addDecisionWrites(set, [{ ...base, type: 'assigned', offerId: 'c1:1', waitedMs: 5 }], ctx());
    set.endAssignment('c1', 2_000);
    set.endAssignment('c9', 2_000);
    expect(set.assignments[0].endedAt).toBe(2_000);
    expect([...set.assignmentEnds]).toEqual([['c9', 2_000]]);
  });

  it('folds changes to a conversation inserted in the same batch into its row, leaving no update for it', () => {
    const set = new WriteSet();
    set.addConversation({
      id: 'c1',
      customerId: 'cu1',
      channel: 'chat',
      queueId: null,
      priority: 0,
      tier: 'standard',
      subject: null,
      language: null,
      threadKey: null,
      inboxId: null,
      requiredSkills: '{}',
      lastMessageAt: 500,
      createdAt: 500,
      slaDeadline: null,
      status: 'queued',
      resolvedAt: null,
    });
    addDecisionWrites(
      set,
      [offer('c1:1'), { ...base, type: 'assigned', offerId: 'c1:1', waitedMs: 5 }],
      ctx(),
    );
    set.changeConversation('c1', { lastMessageAt: 900 });
    expect(set.conversations[0]).toMatchObject({ status: 'assigned', lastMessageAt: 900 });
    expect(set.conversationChanges.size).toBe(0);
    // The assignment carries its same-batch offer's reason, which the insert cannot read from the table yet.
    expect(set.assignments[0].reason).toBe(set.offers[0].reason);
    expect(set.hasChanges()).toBe(false);
  });
});
