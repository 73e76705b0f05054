// Who may see which conversation, as a query filter, so visibility is enforced by the database query itself
// and never by filtering rows afterwards (a page is then always full, and a count is always honest).
import type { UserPrincipal } from '@switchboard/auth';
import type { Prisma } from '@switchboard/persistence';

/** Conversations this agent took part in: offered to them (whatever the answer) or assigned to them. */
export function involvingAgent(agentId: string): Prisma.ConversationWhereInput {
  return { OR: [{ offers: { some: { agentId } } }, { assignments: { some: { agentId } } }] };
}

/**
 * The conversations a console user may read: supervisors and admins see their whole tenant; an agent sees
 * only the ones they took part in. An agent login without an agent profile sees none.
 */
export function conversationScope(principal: UserPrincipal): Prisma.ConversationWhereInput {
  const tenant: Prisma.ConversationWhereInput = { tenantId: principal.tenantId };
  if (principal.role !== 'agent') return tenant;
  if (principal.agentId === null) return { ...tenant, id: { in: [] } };
  return { AND: [tenant, involvingAgent(principal.agentId)] };
}
