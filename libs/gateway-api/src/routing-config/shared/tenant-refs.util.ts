// References between routing configuration (a queue's policies, an overflow target, an SLA calendar) must stay
// inside the caller's tenant; foreign keys alone would accept another tenant's id, and JSON ids have no key.
import { DomainError, ErrorCode, type FieldIssue } from '@switchboard/contracts';
import type { Prisma } from '@switchboard/persistence';

export type Reference = 'queue' | 'routing policy' | 'SLA policy' | 'business-hours calendar';

export interface IdAt {
  id: string;
  path: string;
}

/** Throws a 400 naming every reference (id at its body path) that is not an entity of the tenant. */
export async function assertOfTenant(
  prisma: Prisma.TransactionClient,
  tenantId: string,
  kind: Reference,
  refs: readonly IdAt[],
): Promise<void> {
  if (refs.length === 0) return;
  const ids = [...new Set(refs.map((r) => r.id))];
  const known = new Set(await existingIds(prisma, tenantId, kind, ids));
  const issues: FieldIssue[] = refs
    .filter((r) => !known.has(r.id))
    .map((r) => ({ path: r.path, message: `no ${kind} ${r.id} in this tenant` }));
  if (issues.length > 0) {
    throw new DomainError(ErrorCode.ValidationFailed, `Unknown ${kind}: check ${paths(issues)}`, issues);
  }
}

async function existingIds(
  prisma: Prisma.TransactionClient,
  tenantId: string,
  kind: Reference,
  ids: string[],
): Promise<string[]> {
  const where = { tenantId, id: { in: ids } };
  const select = { id: true } as const;
  switch (kind) {
    case 'queue':
      return (await prisma.queue.findMany({ where, select })).map((r) => r.id);
    case 'routing policy':
      return (await prisma.routingPolicy.findMany({ where, select })).map((r) => r.id);
    case 'SLA policy':
      return (await prisma.slaPolicy.findMany({ where, select })).map((r) => r.id);
    case 'business-hours calendar':
      return (await prisma.businessHoursCalendar.findMany({ where, select })).map((r) => r.id);
  }
}

/** A body reference that may be absent (unchanged) or null (detach): only a string needs checking. */
export function refAt(id: string | null | undefined, path: string): IdAt[] {
  return typeof id === 'string' ? [{ id, path }] : [];
}

export function notFound(entity: string, id: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `${entity} ${id} not found`);
}

export function inUse(message: string, path?: string): DomainError {
  return new DomainError(ErrorCode.Conflict, message, path ? [{ path, message }] : []);
}

function paths(issues: FieldIssue[]): string {
  return issues.map((i) => i.path).join(', ');
}
