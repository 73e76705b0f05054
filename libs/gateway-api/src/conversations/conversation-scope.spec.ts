import type { UserPrincipal } from '@switchboard/auth';
import { describe, expect, it } from 'vitest';
import { conversationScope } from './conversation-scope';

const user = (role: UserPrincipal['role'], agentId: string | null): UserPrincipal => ({
  kind: 'user',
  userId: 'u-1',
  tenantId: 't-1',
  agentId,
  role,
  sessionId: 's-1',
});

describe('conversationScope', () => {
  it('gives supervisors and admins the whole tenant', () => {
    expect(conversationScope(user('supervisor', null))).toEqual({ tenantId: 't-1' });
    expect(conversationScope(user('admin', 'a-1'))).toEqual({ tenantId: 't-1' });
  });

  it('limits an agent to conversations offered or assigned to them, within the tenant', () => {
    expect(conversationScope(user('agent', 'a-1'))).toEqual({
      AND: [
        { tenantId: 't-1' },
        { OR: [{ offers: { some: { agentId: 'a-1' } } }, { assignments: { some: { agentId: 'a-1' } } }] },
      ],
    });
  });

  it('gives an agent login without an agent profile nothing', () => {
    expect(conversationScope(user('agent', null))).toEqual({ tenantId: 't-1', id: { in: [] } });
  });
});
