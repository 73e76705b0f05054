// References to agents from users and teams must stay inside the caller's tenant; the foreign keys alone
// would accept another tenant's agent id.
import { DomainError, ErrorCode, type FieldIssue } from '@switchboard/contracts';
import type { Prisma } from '@switchboard/persistence';

/** Throws a 400 naming every id that is not an agent of the tenant; `pathOf` gives each id's field path. */
export async function assertAgentsOfTenant(
  prisma: Prisma.TransactionClient,
  tenantId: string,
  agentIds: readonly string[],
  pathOf: (index: number) => string,
): Promise<void> {
  if (agentIds.length === 0) return;
  const found = await prisma.agent.findMany({
    where: { tenantId, id: { in: [...new Set(agentIds)] } },
    select: { id: true },
  });
  const known = new Set(found.map((a) => a.id));
  const issues: FieldIssue[] = agentIds.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: pathOf(index), message: `no agent ${id} in this tenant` }],
  );
  if (issues.length === 0) return;
  const bad = agentIds.filter((id) => !known.has(id));
  throw new DomainError(ErrorCode.ValidationFailed, `Unknown agent id: ${bad.join(', ')}`, issues);
}
