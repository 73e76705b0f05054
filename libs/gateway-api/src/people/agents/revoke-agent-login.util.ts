// A deactivated agent's console sessions end with the deactivation, in the same transaction.
import { revokeUserSessions } from '@switchboard/auth';
import type { Prisma } from '@switchboard/persistence';

export async function revokeAgentLogin(tx: Prisma.TransactionClient, agentId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { agentId }, select: { id: true } });
  if (user) await revokeUserSessions(tx, user.id, 'deactivated');
}
