// An agent may only hold skills from the tenant's catalog, so a typo cannot create a skill nobody requires.
import { DomainError, ErrorCode, type FieldIssue } from '@switchboard/contracts';
import type { Prisma } from '@switchboard/persistence';

export async function assertSkillsInCatalog(
  prisma: Prisma.TransactionClient,
  tenantId: string,
  skills: Record<string, number>,
): Promise<void> {
  const names = Object.keys(skills);
  if (names.length === 0) return;
  const found = await prisma.skill.findMany({
    where: { tenantId, name: { in: names } },
    select: { name: true },
  });
  const known = new Set(found.map((s) => s.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const issues: FieldIssue[] = unknown.map((name) => ({
    path: `skills.${name}`,
    message: 'not in the skill catalog (POST /v1/skills first)',
  }));
  throw new DomainError(ErrorCode.ValidationFailed, `Unknown skill: ${unknown.join(', ')}`, issues);
}
