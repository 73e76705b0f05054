// Maps Prisma constraint errors to domain errors that name the API field. Checks before a write can lose a race
// to a concurrent request; the constraint still holds, and this turns its error into a 409/404/400, not a 500.
import { DomainError, ErrorCode } from '@switchboard/contracts';
import { Prisma } from '@switchboard/persistence';

/** Database column -> API field, for the unique and foreign-key constraints a write may hit. */
export type ConstraintFields = Record<string, string>;

export function toDomainError(error: unknown, entity: string, fields: ConstraintFields): unknown {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return error;
  switch (error.code) {
    case 'P2002': {
      const field = fieldOf(error, fields);
      return new DomainError(ErrorCode.Conflict, `${entity} with this ${field} already exists`, [
        { path: field, message: 'already in use' },
      ]);
    }
    case 'P2003': {
      const field = fieldOf(error, fields);
      return new DomainError(ErrorCode.ValidationFailed, `Invalid ${field}`, [
        { path: field, message: 'refers to nothing that exists' },
      ]);
    }
    case 'P2025':
      return new DomainError(ErrorCode.NotFound, `${entity} not found`);
    default:
      return error;
  }
}

/**
 * The constraint is reported as column names (PGlite) or as the index name (PostgreSQL), e.g.
 * `users_agent_id_key`; either way it contains the column.
 */
function fieldOf(error: Prisma.PrismaClientKnownRequestError, fields: ConstraintFields): string {
  const columns = Object.keys(fields);
  const reported = constraintNames(error.meta);
  const column = columns.find((c) =>
    reported.some((name) => name === c || new RegExp(`(^|_)${c}(_|$)`).test(name)),
  );
  return fields[column ?? columns[0]] ?? 'body';
}

function constraintNames(meta: Record<string, unknown> | undefined): string[] {
  const target = meta?.target;
  if (Array.isArray(target)) return target.filter((t): t is string => typeof t === 'string');
  if (typeof target === 'string') return [target];
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause;
  const constraint = cause?.constraint as { fields?: unknown; index?: unknown } | undefined;
  if (Array.isArray(constraint?.fields)) {
    return constraint.fields.filter((f): f is string => typeof f === 'string');
  }
  return typeof constraint?.index === 'string' ? [constraint.index] : [];
}
