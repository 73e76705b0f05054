// `migrate`: applies the committed prisma/migrations to DATABASE_URL, or to the embedded PGlite
// directory (PGLITE_DATA_DIR, default .data/pglite). Safe to run concurrently and repeatedly.
import { describeDatabaseTarget, resolveDatabaseTarget } from '../database-target';
import { defaultMigrationsDir } from '../migrate/migration-files.reader';
import { migrateDatabase } from '../prisma-client.factory';
import { cliLogger, printLine, runCommand } from './cli-output.util';

runCommand('migrate', async () => {
  const target = resolveDatabaseTarget(process.env);
  const migrationsDir = process.env.MIGRATIONS_DIR || defaultMigrationsDir();
  printLine(`Migrating ${describeDatabaseTarget(target)} from ${migrationsDir}`);
  const report = await migrateDatabase(target, { migrationsDir, logger: cliLogger });
  printLine(
    report.applied.length > 0
      ? `Applied ${report.applied.length} migration(s); ${report.alreadyApplied.length} were already applied.`
      : `Database is up to date (${report.alreadyApplied.length} migrations applied).`,
  );
});
