// A private, migrated database per test: a fresh PostgreSQL database when DATABASE_URL is set
// (the integration setup sets it), otherwise an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  type Database,
  type DatabaseTarget,
  type MigrateOptions,
  type MigrationReport,
  openDatabase,
  PGLITE_MEMORY,
  type PrismaClient,
} from '@switchboard/persistence';

export interface TestDatabase {
  readonly target: DatabaseTarget;
  readonly prisma: PrismaClient;
  migrate(options?: MigrateOptions): Promise<MigrationReport>;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Defaults to postgres when DATABASE_URL is set, else pglite. */
  readonly kind?: DatabaseTarget['kind'];
  /** Apply the committed migrations before returning (default true). */
  readonly migrate?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const kind = options.kind ?? (serverUrl ? 'postgres' : 'pglite');
  if (kind === 'pglite') {
    const database = openDatabase({ kind: 'pglite', dataDir: PGLITE_MEMORY });
    return prepare(database, options, () => database.close());
  }
  if (!serverUrl)
    throw new Error('A PostgreSQL test database needs DATABASE_URL (the integration setup provides it)');

  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: 'postgres', url: url.toString() });
  return prepare(database, options, async () => {
    await database.close();
    // FORCE (PostgreSQL 13+) ends any connection a failed test left behind.
    await withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });
}

async function prepare(
  database: Database,
  options: TestDatabaseOptions,
  drop: () => Promise<void>,
): Promise<TestDatabase> {
  try {
    if (options.migrate ?? true) await database.migrate();
  } catch (error: unknown) {
    await drop();
    throw error;
  }
  return {
    target: database.target,
    prisma: database.prisma,
    migrate: (migrateOptions) => database.migrate(migrateOptions),
    drop,
  };
}

async function withServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
