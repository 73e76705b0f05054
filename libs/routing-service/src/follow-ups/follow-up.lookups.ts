// The stored facts follow-ups need: the scheduled ones when a router takes a tenant over (one read), one by id
// for a command, and the due ones with their conversations when their timers fire.
import type { Conversation, PrismaClient } from '@switchboard/persistence';
import type { KnownFollowUp } from './follow-up.planner';

export interface DueFollowUp extends KnownFollowUp {
  conversation: Conversation;
  /** Offers the conversation has had; a reopened conversation numbers its next offer after them. */
  offerAttempts: number;
}

type Stored = {
  id: string;
  conversationId: string;
  agentId: string;
  dueAt: Date;
  note: string | null;
  status: KnownFollowUp['status'];
};

const known = (row: Stored): KnownFollowUp => ({ ...row, dueAt: row.dueAt.getTime() });

export async function loadScheduled(
  prisma: PrismaClient,
  tenantId: string,
): Promise<{ id: string; dueAt: number }[]> {
  const rows = await prisma.followUp.findMany({
    where: { tenantId, status: 'scheduled' },
    select: { id: true, dueAt: true },
  });
  return rows.map((r) => ({ id: r.id, dueAt: r.dueAt.getTime() }));
}

export async function loadFollowUp(
  prisma: PrismaClient,
  tenantId: string,
  id: string,
): Promise<KnownFollowUp | undefined> {
  const row = await prisma.followUp.findFirst({ where: { tenantId, id } });
  return row ? known(row) : undefined;
}

export async function loadDue(
  prisma: PrismaClient,
  tenantId: string,
  ids: readonly string[],
): Promise<DueFollowUp[]> {
  const rows = await prisma.followUp.findMany({
    where: { tenantId, id: { in: [...ids] } },
    include: { conversation: { include: { _count: { select: { offers: true } } } } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(({ conversation: { _count, ...conversation }, ...row }) => ({
    ...known(row),
    conversation,
    offerAttempts: _count.offers,
  }));
}
