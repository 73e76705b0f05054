// Boots the full engine (every role in one process) for a test, on Kafka+Postgres or the embedded default,
// with its own topics and database, and drives it only through its public interfaces.
import type { INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@switchboard/config';
import { startApp } from '@switchboard/platform';
import { PRISMA_CLIENT, type PrismaClient } from '@switchboard/persistence';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardModule } from '../../apps/switchboard/src/switchboard.module';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import { PINNED_DEMO_ENV } from './demo-credentials';
import { deleteTopicsWithPrefix } from './kafka-topics';

export type Mode = 'kafka+postgres' | 'embedded';

export interface Harness {
  app: INestApplication;
  url: string;
  config: AppConfig;
  /** The environment the app was configured from, for another process joining the same bus and database. */
  env: Record<string, string>;
  prisma: PrismaClient;
  close(): Promise<void>;
}

export async function startHarness(
  mode: Mode,
  env: Record<string, string> = {},
  options: { console?: boolean } = {},
): Promise<Harness> {
  let database: TestDatabase | undefined;
  const base: Record<string, string> = {
    HOST: '127.0.0.1',
    // The app listens on an ephemeral port; PORT 0 also gives its gateway relay a consumer group of its own,
    // instead of one shared (and rebalanced) with every other test app on this host.
    PORT: '0',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    KAFKA_TOPIC_PREFIX: `test-${randomBytes(4).toString('hex')}.`,
    ROUTER_GROUP_ID: `router-${randomBytes(4).toString('hex')}`,
    KAFKA_PARTITIONS: '3',
    // The SMTP server on a free port, and attachments in a directory of the test's own.
    SMTP_PORT: '0',
    BLOB_DIR: join(tmpdir(), `switchboard-blobs-${randomBytes(4).toString('hex')}`),
    // The embedded demo seed would otherwise print random credentials for every test app.
    ...PINNED_DEMO_ENV,
  };
  if (mode === 'kafka+postgres') {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected a postgres test database');
    base.DATABASE_URL = database.target.url;
    base.KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  } else {
    base.PGLITE_DATA_DIR = 'memory://';
  }
  const merged = { ...base, ...env };
  const config = loadConfig(merged);
  const app = await startApp(SwitchboardModule.forRoot(config), config, {
    port: 0,
    console: options.console,
  });
  const address = (app.getHttpServer() as import('node:http').Server).address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    config,
    env: merged,
    prisma: app.get<PrismaClient>(PRISMA_CLIENT),
    async close() {
      await app.close();
      if (base.KAFKA_BROKERS) await deleteTopicsWithPrefix(base.KAFKA_BROKERS, merged.KAFKA_TOPIC_PREFIX);
      await database?.drop();
      await rm(config.blobs.dir, { recursive: true, force: true });
    },
  };
}
