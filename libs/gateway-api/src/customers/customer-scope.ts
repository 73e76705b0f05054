// Which customers a console user may read, as a query filter: supervisors and admins see the whole tenant;
// an agent sees the customers of conversations offered or assigned to them, and no one else.
import type { UserPrincipal } from '@switchboard/auth';
import type { Prisma } from '@switchboard/persistence';
import { involvingAgent } from '../conversations/conversation-scope';

export function customerScope(principal: UserPrincipal): Prisma.CustomerWhereInput {
  const tenant: Prisma.CustomerWhereInput = { tenantId: principal.tenantId };
  if (principal.role !== 'agent') return tenant;
  if (principal.agentId === null) return { ...tenant, id: { in: [] } };
  return { AND: [tenant, { conversations: { some: involvingAgent(principal.agentId) } }] };
}
