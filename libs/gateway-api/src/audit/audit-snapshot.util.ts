// Turns stored rows into the JSON an audit entry keeps. Secrets never reach the audit table: any field whose name
// says it holds a password, hash, secret or token is replaced by a marker, at any depth, whatever the entity.
import type { Prisma } from '@switchboard/persistence';

export const REDACTED = '[redacted]';
/** Marks a secret that this change replaced (a new password), without keeping either value. */
export const REDACTED_CHANGED = '[redacted: changed]';

const SECRET_FIELD = /password|secret|hash|token/i;

export type Snapshot = Prisma.InputJsonObject;

/** A JSON copy of `row` with secrets redacted: dates as ISO 8601, bigints as decimal strings. */
export function snapshotOf(row: object): Snapshot {
  return toJson(row) as Snapshot;
}

/**
 * Snapshots of one entity before and after a change. A top-level secret that differs between the two shows as
 * changed in `after`, so the trail says a password was reset without storing a hash.
 */
export function snapshotPair(
  before: object | null,
  after: object | null,
): { before: Snapshot | null; after: Snapshot | null } {
  const afterSnapshot = after ? snapshotOf(after) : null;
  if (before && after && afterSnapshot) {
    const old = before as Record<string, unknown>;
    const changed = Object.entries(after).filter(
      ([key, value]) => SECRET_FIELD.test(key) && key in old && !sameValue(old[key], value),
    );
    for (const [key] of changed) (afterSnapshot as Record<string, unknown>)[key] = REDACTED_CHANGED;
  }
  return { before: before ? snapshotOf(before) : null, after: afterSnapshot };
}

function toJson(value: unknown): Prisma.InputJsonValue | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && typeof v !== 'function')
        .map(([key, v]) => [key, SECRET_FIELD.test(key) && v !== null ? REDACTED : toJson(v)]),
    );
  }
  return null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}
