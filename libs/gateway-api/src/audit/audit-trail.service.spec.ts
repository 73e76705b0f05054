import type { UserPrincipal } from '@switchboard/auth';
import type { PrismaClient } from '@switchboard/persistence';
import { describe, expect, it } from 'vitest';
import { AuditTrail, changeOf, type AuditTx } from './audit-trail.service';

const admin: UserPrincipal = {
  kind: 'user',
  userId: 'u-1',
  tenantId: 't-1',
  agentId: null,
  role: 'admin',
  sessionId: 's-1',
};

/** A client whose transaction runs the work at once and keeps what the audit table was given. */
function fakeClient(): { prisma: PrismaClient; inserted: unknown[] } {
  const inserted: unknown[] = [];
  const tx = { auditEntry: { create: ({ data }: { data: unknown }) => inserted.push(data) } };
  const prisma = { $transaction: (work: (t: AuditTx) => Promise<unknown>) => work(tx as unknown as AuditTx) };
  return { prisma: prisma as unknown as PrismaClient, inserted };
}

describe('AuditTrail', () => {
  it('records the change with the actor, in the transaction, with secrets redacted', async () => {
    const { prisma, inserted } = fakeClient();
    const before = { id: 'u-2', role: 'agent', passwordHash: 'old' };
    const after = { id: 'u-2', role: 'admin', passwordHash: 'new' };
    const result = await new AuditTrail(prisma).write(admin, () =>
      Promise.resolve({ result: 'done', change: changeOf('user', 'updated', before, after) }),
    );
    expect(result).toBe('done');
    expect(inserted).toEqual([
      {
        tenantId: 't-1',
        actorUserId: 'u-1',
        actorRole: 'admin',
        action: 'updated',
        entityType: 'user',
        entityId: 'u-2',
        before: { id: 'u-2', role: 'agent', passwordHash: '[redacted]' },
        after: { id: 'u-2', role: 'admin', passwordHash: '[redacted: changed]' },
      },
    ]);
  });

  it('records nothing for a write that changed nothing, or that failed', async () => {
    const { prisma, inserted } = fakeClient();
    const trail = new AuditTrail(prisma);
    await trail.write(admin, () => Promise.resolve({ result: undefined, change: null }));
    await expect(trail.write(admin, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(inserted).toEqual([]);
  });

  it('takes the entity id from the row', () => {
    expect(changeOf('skill', 'deleted', { id: 's-1' }, null).entityId).toBe('s-1');
    expect(changeOf('skill', 'created', null, { id: 's-2' }).entityId).toBe('s-2');
    expect(() => changeOf('skill', 'created', null, null)).toThrow();
  });
});
