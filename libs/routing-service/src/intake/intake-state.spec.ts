// The intake state's memory of resolved conversations: complete until its bound forgets one inside the
// window (then batches look up what they miss), and aging out of the window forgets without that cost.
import { describe, expect, it } from 'vitest';
import { TenantIntakeState, type ResolvedConversation } from './intake-state';

const resolved = (id: string, resolvedAt: number, threadKey: string | null = null): ResolvedConversation => ({
  id,
  customerId: 'cust-1',
  channel: 'email',
  threadKey,
  createdAt: 0,
  resolvedAt,
  lastAgentId: 'agent-1',
  offerAttempts: 1,
});

describe('TenantIntakeState: resolved conversations', () => {
  it('finds the most recent resolution inside the window, by thread when the message has one', () => {
    const state = new TenantIntakeState();
    state.rememberResolved(resolved('a', 100, 'thread-a'));
    state.rememberResolved(resolved('b', 200, 'thread-b'));
    expect(state.resolvedConversationFor('cust-1', 'email', undefined, 0)?.id).toBe('b');
    expect(state.resolvedConversationFor('cust-1', 'email', 'thread-a', 0)?.id).toBe('a');
    expect(state.resolvedConversationFor('cust-1', 'email', 'thread-a', 101)).toBeUndefined();
    expect(state.resolvedConversationFor('cust-1', 'chat', undefined, 0)).toBeUndefined();
  });

  it('moves a reopened conversation back to the open ones, and close() remembers it again', () => {
    const state = new TenantIntakeState();
    state.rememberResolved(resolved('a', 100));
    expect(state.reopen('a', 'again')).toMatchObject({ id: 'a', preview: 'again' });
    expect(state.resolvedConversationFor('cust-1', 'email', undefined, 0)).toBeUndefined();
    expect(state.openConversationFor('cust-1', 'email', undefined)?.id).toBe('a');
    state.close('a', { resolvedAt: 300, lastAgentId: 'agent-2', offerAttempts: 3 });
    expect(state.openCount()).toBe(0);
    expect(state.resolvedConversationFor('cust-1', 'email', undefined, 0)).toMatchObject({
      id: 'a',
      resolvedAt: 300,
      lastAgentId: 'agent-2',
      offerAttempts: 3,
    });
  });

  it('keeps a newer resolution over an older one read from the database', () => {
    const state = new TenantIntakeState();
    state.rememberResolved({ ...resolved('a', 300), offerAttempts: 4 });
    state.rememberResolved(resolved('a', 100));
    expect(state.resolvedConversationFor('cust-1', 'email', undefined, 0)).toMatchObject({
      resolvedAt: 300,
      offerAttempts: 4,
    });
  });

  it('is incomplete once its bound forgets one, but not when conversations age out of the window', () => {
    const aging = new TenantIntakeState({ resolved: 2 });
    aging.rememberResolved(resolved('a', 100));
    aging.rememberResolved(resolved('b', 200));
    aging.forgetResolvedBefore(150);
    aging.rememberResolved(resolved('c', 300));
    expect(aging.resolvedComplete).toBe(true);
    expect(aging.resolvedConversationFor('cust-1', 'email', undefined, 0)?.id).toBe('c');

    const full = new TenantIntakeState({ resolved: 2 });
    full.rememberResolved(resolved('a', 100, 'thread-a'));
    full.rememberResolved(resolved('b', 200, 'thread-b'));
    full.rememberResolved(resolved('c', 300, 'thread-c'));
    expect(full.resolvedComplete).toBe(false);
    // The forgotten one is gone from the index too, so it is never found half-remembered.
    expect(full.resolvedConversationFor('cust-1', 'email', 'thread-a', 0)).toBeUndefined();
    expect(full.resolvedConversationFor('cust-1', 'email', 'thread-b', 0)?.id).toBe('b');
  });
});
