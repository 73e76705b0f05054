// Applies committed Prisma migrations in order and records them in `_prisma_migrations` exactly as
// Prisma Migrate does, so a later `prisma migrate deploy` sees the same history.
import { randomUUID } from 'node:crypto';
import { MigrationError, MigrationErrorCode } from './migration.exception';
import {
  type AppliedMigrationRow,
  type LocalMigration,
  migrationChecksum,
  planMigrations,
} from './migration-plan.util';
import type { SqlSession } from './sql-session.adapter';

/** The key Prisma Migrate locks on: sharing it makes this runner and `prisma migrate` mutually exclusive. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

// Prisma's own definition of its history table, so either tool can create it first.
const CREATE_HISTORY_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface RunMigrationsOptions {
  readonly migrations: readonly LocalMigration[];
  readonly logger?: MigrationLogger;
  /** How long to wait for another process's migration lock before giving up. */
  readonly lockTimeoutMs?: number;
}

export interface MigrationReport {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
  readonly unknownInDatabase: readonly string[];
}

interface HistoryRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

const silentLogger: MigrationLogger = { info: () => undefined, warn: () => undefined };

export async function runMigrations(
  session: SqlSession,
  options: RunMigrationsOptions,
): Promise<MigrationReport> {
  const logger = options.logger ?? silentLogger;
  await acquireLock(session, options.lockTimeoutMs ?? 60_000);
  try {
    // Created under the lock so two first-time migrators cannot race on the table itself.
    await session.exec(CREATE_HISTORY_TABLE);
    const plan = planMigrations(options.migrations, await readHistory(session));
    for (const name of plan.unknownInDatabase) {
      logger.warn(`Migration ${name} is recorded in the database but missing from the migrations folder`);
    }
    for (const migration of plan.pending) {
      await applyOne(session, migration);
      logger.info(`Applied migration ${migration.name}`);
    }
    return {
      applied: plan.pending.map((m) => m.name),
      alreadyApplied: plan.alreadyApplied,
      unknownInDatabase: plan.unknownInDatabase,
    };
  } finally {
    // A session that died releases its advisory lock with it; do not mask the original error.
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]).catch(() => undefined);
  }
}

// Polling pg_try_advisory_lock gives a bounded wait with a clear error instead of hanging forever.
async function acquireLock(session: SqlSession, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (row?.locked) return;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        MigrationErrorCode.LockTimeout,
        `Timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock ${PRISMA_MIGRATE_LOCK_KEY}); another migration is running`,
      );
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
  }
}

async function readHistory(session: SqlSession): Promise<AppliedMigrationRow[]> {
  const rows = await session.query<HistoryRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name',
  );
  return rows.map((row) => ({
    migrationName: row.migration_name,
    checksum: row.checksum,
    finishedAt: row.finished_at,
    rolledBackAt: row.rolled_back_at,
  }));
}

// One transaction per migration: a failing script leaves neither half-applied DDL nor a failed history row,
// so fixing the script and re-running is enough. (Prisma itself does not wrap scripts, so statements that
// cannot run in a transaction, such as CREATE INDEX CONCURRENTLY, are not supported here.)
async function applyOne(session: SqlSession, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await session.exec('BEGIN');
  try {
    await session.query(
      'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)',
      [id, migrationChecksum(migration.sql), migration.name],
    );
    await session.exec(migration.sql);
    await session.query(
      'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
      [id],
    );
    await session.exec('COMMIT');
  } catch (error: unknown) {
    await session.exec('ROLLBACK').catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      MigrationErrorCode.ApplyFailed,
      `Migration ${migration.name} failed and was rolled back: ${reason}`,
      migration.name,
      {
        cause: error,
      },
    );
  }
}
