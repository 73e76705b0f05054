// Reads the committed `prisma/migrations` folders: one folder per migration, each holding migration.sql.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MigrationError, MigrationErrorCode } from './migration.exception';
import { type LocalMigration, sortMigrations } from './migration-plan.util';

const EXPECTED_PROVIDER = 'postgresql';

/** Where migrations live when the process runs from the repository root (apps, CLIs and tests all do). */
export function defaultMigrationsDir(): string {
  return resolve(process.cwd(), 'prisma', 'migrations');
}

export function readMigrationFiles(migrationsDir: string): LocalMigration[] {
  if (!existsSync(migrationsDir)) {
    throw new MigrationError(
      MigrationErrorCode.MissingMigrationFile,
      `Migrations folder not found: ${migrationsDir}`,
    );
  }
  assertProvider(migrationsDir);
  const folders = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name);

  const migrations = folders.map((name): LocalMigration => {
    const file = join(migrationsDir, name, 'migration.sql');
    if (!existsSync(file)) {
      throw new MigrationError(
        MigrationErrorCode.MissingMigrationFile,
        `Migration ${name} has no migration.sql (${file})`,
        name,
      );
    }
    return { name, sql: readFileSync(file, 'utf8') };
  });
  return sortMigrations(migrations);
}

// Prisma refuses to apply migrations written for another provider; so do we, with the same lock file.
function assertProvider(migrationsDir: string): void {
  const lockFile = join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockFile)) return;
  const match = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lockFile, 'utf8'));
  if (match && match[1] !== EXPECTED_PROVIDER) {
    throw new MigrationError(
      MigrationErrorCode.ProviderMismatch,
      `migration_lock.toml declares provider "${match[1]}", but Switchboard migrates ${EXPECTED_PROVIDER}`,
    );
  }
}
