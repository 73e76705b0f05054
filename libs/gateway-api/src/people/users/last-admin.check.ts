// A tenant must keep at least one admin, or nobody could manage its users and keys again.
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { Prisma, User } from '@switchboard/persistence';

export async function assertNotLastAdmin(prisma: Prisma.TransactionClient, user: User): Promise<void> {
  if (user.role !== 'admin') return;
  const others = await prisma.user.count({
    where: { tenantId: user.tenantId, role: 'admin', id: { not: user.id } },
  });
  if (others === 0) {
    throw new DomainError(ErrorCode.Conflict, 'The tenant would be left without an admin', [
      { path: 'role', message: 'the last admin cannot be removed or demoted' },
    ]);
  }
}
