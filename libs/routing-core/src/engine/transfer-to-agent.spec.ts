import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../model/agent.model';
import { RoutingError, RoutingErrorCode } from '../model/routing.error';
import { agentInput, contactInput, harness, only } from '../testing/routing.fixtures';

// Issue 12: "conversation.transfer gains an agentId target: the conversation is offered to that agent".
describe('transferToAgent', () => {
  function setup(colleague: { status?: AgentStatus; chatCapacity?: number; busyWith?: boolean } = {}) {
    const h = harness();
    h.engine.apply({ type: 'upsertAgent', agent: agentInput('front') });
    h.engine.apply({ type: 'contactArrived', contact: contactInput('c1') });
    h.engine.apply({ type: 'offerAccepted', contactId: 'c1', agentId: 'front' });
    h.engine.apply({
      type: 'upsertAgent',
      agent: agentInput('colleague', {
        status: colleague.status ?? 'available',
        capacity: { chat: colleague.chatCapacity ?? 1, email: 1, social: 1, voice: 1 },
      }),
    });
    if (colleague.busyWith) {
      h.engine.apply({ type: 'contactArrived', contact: contactInput('c2') });
    }
    return h;
  }

  it('frees the holder and offers the contact, in its queue and with its age, to the named agent', () => {
    const h = setup();
    const out = h.engine.apply({
      type: 'transferToAgent',
      contactId: 'c1',
      toAgentId: 'colleague',
      byAgentId: 'front',
      reason: 'speaks German',
    });
    expect(out.map((d) => d.type)).toEqual(['contactTransferred', 'offer']);
    expect(only(out, 'contactTransferred')[0]).toMatchObject({
      fromQueueId: 'q1',
      toQueueId: 'q1',
      fromState: 'assigned',
      agentId: 'front',
      toAgentId: 'colleague',
      reason: 'speaks German',
    });
    expect(only(out, 'offer')[0]).toMatchObject({ agentId: 'colleague', reason: { rule: 'transfer' } });
    expect(h.engine.getAgent('front')).toMatchObject({ assignedContactIds: [], usedUnits: 0 });
    expect(h.engine.getContact('c1')).toMatchObject({ state: 'offered', agentId: 'colleague' });
  });

  it('refuses an agent who cannot take it now, leaving the holder holding it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<AgentStatus>('available', 'away', 'offline', 'busy'),
        fc.integer({ min: 0, max: 1 }),
        fc.boolean(),
        (status, chatCapacity, busyWith) => {
          const h = setup({ status, chatCapacity, busyWith });
          const free = status === 'available' && chatCapacity > 0 && !busyWith;
          let refusal: unknown;
          try {
            h.engine.apply({ type: 'transferToAgent', contactId: 'c1', toAgentId: 'colleague' });
          } catch (error) {
            refusal = error;
          }
          if (free) {
            expect(refusal).toBeUndefined();
            expect(h.engine.getContact('c1')).toMatchObject({ state: 'offered', agentId: 'colleague' });
            return;
          }
          expect(refusal).toBeInstanceOf(RoutingError);
          expect((refusal as RoutingError).code).toBe(RoutingErrorCode.AgentUnavailable);
          expect(h.engine.getContact('c1')).toMatchObject({ state: 'assigned', agentId: 'front' });
        },
      ),
    );
  });

  it('refuses the holder itself and an unknown agent', () => {
    const h = setup();
    expect(() => h.engine.apply({ type: 'transferToAgent', contactId: 'c1', toAgentId: 'front' })).toThrow(
      expect.objectContaining({ code: RoutingErrorCode.InvalidCommand }) as Error,
    );
    expect(() => h.engine.apply({ type: 'transferToAgent', contactId: 'c1', toAgentId: 'ghost' })).toThrow(
      expect.objectContaining({ code: RoutingErrorCode.UnknownAgent }) as Error,
    );
    expect(h.engine.getContact('c1')).toMatchObject({ state: 'assigned', agentId: 'front' });
  });
});
