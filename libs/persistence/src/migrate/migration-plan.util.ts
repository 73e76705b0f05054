// Pure decisions of the migration runner: ordering, checksums and which migrations are pending.
// Mirrors Prisma Migrate so `prisma migrate deploy` agrees with what this runner recorded.
import { createHash } from 'node:crypto';
import { MigrationError, MigrationErrorCode } from './migration.exception';

export interface LocalMigration {
  /** Folder name, e.g. `20261124033222_init`; also the `migration_name` recorded in the database. */
  readonly name: string;
  readonly sql: string;
}

/** A row of Prisma's `_prisma_migrations` table, reduced to what the plan needs. */
export interface AppliedMigrationRow {
  readonly migrationName: string;
  readonly checksum: string;
  readonly finishedAt: Date | null;
  readonly rolledBackAt: Date | null;
}

export interface MigrationPlan {
  readonly pending: readonly LocalMigration[];
  readonly alreadyApplied: readonly string[];
  /** Recorded in the database but absent locally: usually a newer deployment ran first. */
  readonly unknownInDatabase: readonly string[];
}

/** Prisma applies folders in plain lexicographic order of their names; the timestamp prefix makes that chronological. */
export function sortMigrations<T extends { readonly name: string }>(migrations: readonly T[]): T[] {
  return [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** sha256 hex of the script exactly as stored, which is what Prisma writes to `_prisma_migrations.checksum`. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

/**
 * Prisma also accepts the checksum of the script with its line endings flipped, because git may
 * check files out with CRLF on Windows; accepting the same variants keeps both tools in agreement.
 */
export function checksumMatches(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replace(/\r\n/g, '\n'), sql.replace(/\r?\n/g, '\r\n')];
  return variants.some((variant) => migrationChecksum(variant) === checksum);
}

export function planMigrations(
  local: readonly LocalMigration[],
  rows: readonly AppliedMigrationRow[],
): MigrationPlan {
  const live = rows.filter((row) => row.rolledBackAt === null);
  const failed = live.find((row) => row.finishedAt === null);
  if (failed) {
    throw new MigrationError(
      MigrationErrorCode.FailedMigrationInDatabase,
      `Migration ${failed.migrationName} is recorded as started but never finished. ` +
        'Repair the database by hand, then mark it rolled back (set rolled_back_at) before migrating again.',
      failed.migrationName,
    );
  }

  const appliedByName = new Map(live.map((row) => [row.migrationName, row]));
  const pending: LocalMigration[] = [];
  const alreadyApplied: string[] = [];
  for (const migration of sortMigrations(local)) {
    const row = appliedByName.get(migration.name);
    if (!row) {
      pending.push(migration);
      continue;
    }
    if (!checksumMatches(migration.sql, row.checksum)) {
      throw new MigrationError(
        MigrationErrorCode.ChecksumMismatch,
        `Migration ${migration.name} was modified after it was applied: the database recorded checksum ` +
          `${row.checksum}, the file now hashes to ${migrationChecksum(migration.sql)}. ` +
          'Restore the original migration.sql and put the change in a new migration.',
        migration.name,
      );
    }
    alreadyApplied.push(migration.name);
  }

  const localNames = new Set(local.map((migration) => migration.name));
  const unknownInDatabase = [...appliedByName.keys()].filter((name) => !localNames.has(name)).sort();
  return { pending, alreadyApplied, unknownInDatabase };
}
