// A skill agents still hold cannot leave the catalog or change its name: agents, queue policies and
// integrators all refer to skills by name, so the name must keep meaning the same thing.
import { DomainError, ErrorCode } from '@switchboard/contracts';
import type { Prisma } from '@switchboard/persistence';

type Skill = Prisma.SkillModel;

const NAMED_HOLDERS = 5;

export async function assertSkillUnused(
  prisma: Prisma.TransactionClient,
  skill: Skill,
  action: string,
): Promise<void> {
  const where = { tenantId: skill.tenantId, skills: { path: [skill.name], gte: 1 } };
  const [count, holders] = await Promise.all([
    prisma.agent.count({ where }),
    prisma.agent.findMany({ where, select: { id: true }, orderBy: { id: 'asc' }, take: NAMED_HOLDERS }),
  ]);
  if (count === 0) return;
  const named = holders.map((a) => a.id).join(', ');
  throw new DomainError(
    ErrorCode.Conflict,
    `Skill ${skill.name} cannot be ${action}: ${count} agent(s) hold it (${named}${count > NAMED_HOLDERS ? ', …' : ''})`,
    [{ path: 'name', message: `held by ${count} agent(s); remove it from them first` }],
  );
}
