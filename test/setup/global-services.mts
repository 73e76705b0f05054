// Integration tests run against real Kafka and PostgreSQL. If the caller did not point us at running ones
// (KAFKA_BROKERS and DATABASE_URL), the project's own services script installs and starts them.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    databaseUrl: string;
  }
}

const DEFAULT_DATABASE_URL = 'postgres://switchboard:switchboard@127.0.0.1:5432/switchboard';
const DEFAULT_BROKERS = '127.0.0.1:9092';

export default function setup(project: TestProject): void {
  let brokers = process.env.KAFKA_BROKERS;
  let databaseUrl = process.env.DATABASE_URL;
  if (!brokers || !databaseUrl) {
    const script = fileURLToPath(new URL('../../scripts/services.sh', import.meta.url));
    execFileSync('bash', [script, 'up'], { stdio: 'inherit' });
    brokers ??= DEFAULT_BROKERS;
    databaseUrl ??= DEFAULT_DATABASE_URL;
  }
  project.provide('kafkaBrokers', brokers);
  project.provide('databaseUrl', databaseUrl);
  // Helpers that read the environment (test databases) see the same servers.
  process.env.KAFKA_BROKERS = brokers;
  process.env.DATABASE_URL = databaseUrl;
}
