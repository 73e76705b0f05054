// Opens a database target as a Prisma Client over the matching driver adapter, plus the migration
// runner on the very same connection: PGlite allows one connection per process, and an in-memory
// PGlite exists only inside the instance that created it.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { type DatabaseTarget, PGLITE_MEMORY } from './database-target';
import { PrismaClient } from './generated/prisma/client';
import { defaultMigrationsDir, readMigrationFiles } from './migrate/migration-files.reader';
import { type MigrationLogger, type MigrationReport, runMigrations } from './migrate/migrate.runner';
import { pgliteSqlSession, pgSqlSession, type SqlSession } from './migrate/sql-session.adapter';
import { type DirLock, lockPgliteDir } from './pglite-dir.lock';
import { pgliteTransactor, pgTransactor, type SqlTransactor } from './sql/sql-transactor';

export interface MigrateOptions {
  /** Defaults to `prisma/migrations` under the working directory. */
  readonly migrationsDir?: string;
  readonly logger?: MigrationLogger;
  readonly lockTimeoutMs?: number;
}

export interface Database {
  readonly target: DatabaseTarget;
  /** `prisma.$disconnect()` also closes the underlying driver; the client is not usable afterwards. */
  readonly prisma: PrismaClient;
  /** Plain SQL with array parameters, for the router's set-based batches. */
  readonly sql: SqlTransactor;
  /** Run before serving traffic: on PGlite it borrows the client's only connection. */
  migrate(options?: MigrateOptions): Promise<MigrationReport>;
  close(): Promise<void>;
}

interface Driver {
  readonly adapter: PrismaPg | PrismaPGlite;
  readonly sql: SqlTransactor;
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openDatabase(target: DatabaseTarget): Database {
  const driver = createDriver(target);
  const prisma = new PrismaClient({ adapter: driver.adapter });
  const disconnectClient = prisma.$disconnect.bind(prisma);
  // Whoever holds the client owns the driver too, so a bare PrismaClient never leaks a PGlite instance.
  Object.defineProperty(prisma, '$disconnect', {
    configurable: true,
    value: async (): Promise<void> => {
      try {
        await disconnectClient();
      } finally {
        await driver.close();
      }
    },
  });

  return {
    target,
    prisma,
    sql: driver.sql,
    migrate: (options: MigrateOptions = {}) =>
      driver.withSession((session) =>
        runMigrations(session, {
          migrations: readMigrationFiles(options.migrationsDir ?? defaultMigrationsDir()),
          logger: options.logger,
          lockTimeoutMs: options.lockTimeoutMs,
        }),
      ),
    close: () => prisma.$disconnect(),
  };
}

export function createPrismaClient(target: DatabaseTarget): PrismaClient {
  return openDatabase(target).prisma;
}

/** Migrates a target without keeping a Prisma Client around; used by the migrate command. */
export async function migrateDatabase(
  target: DatabaseTarget,
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const database = openDatabase(target);
  try {
    return await database.migrate(options);
  } finally {
    await database.close();
  }
}

function createDriver(target: DatabaseTarget): Driver {
  switch (target.kind) {
    case 'postgres':
      return createPostgresDriver(target.url);
    case 'pglite':
      return createPgliteDriver(target.dataDir);
  }
}

function createPostgresDriver(url: string): Driver {
  const sql = pgTransactor(url);
  return {
    adapter: new PrismaPg({ connectionString: url }),
    sql,
    // A dedicated connection, because the advisory lock and the transaction are per session.
    async withSession(work) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await work(pgSqlSession(client));
      } finally {
        await client.end();
      }
    },
    // The adapter's pool is owned and ended by Prisma Client's own $disconnect; the hot path's pool is ours.
    close: () => sql.close(),
  };
}

function createPgliteDriver(dataDir: string): Driver {
  let lock: DirLock | undefined;
  if (dataDir !== PGLITE_MEMORY) {
    mkdirSync(dataDir, { recursive: true });
    lock = lockPgliteDir(dataDir);
  }
  const db = new PGlite(dataDir);
  return {
    adapter: new PrismaPGlite(db),
    sql: pgliteTransactor(db),
    withSession: (work) => work(pgliteSqlSession(db)),
    close: async () => {
      try {
        if (!db.closed) await db.close();
      } finally {
        lock?.release();
      }
    },
  };
}
