// Real Kafka and PostgreSQL for a benchmark: uses KAFKA_BROKERS/DATABASE_URL when both are set, else starts
// the shared services with scripts/services.sh (and leaves them running: other work uses them too).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

export interface ServiceEnv {
  readonly kafkaBrokers: string;
  readonly databaseUrl: string;
}

export function ensureServices(root: string, log: (line: string) => void): ServiceEnv {
  const { KAFKA_BROKERS, DATABASE_URL } = process.env;
  if (KAFKA_BROKERS && DATABASE_URL) return { kafkaBrokers: KAFKA_BROKERS, databaseUrl: DATABASE_URL };
  const script = join(root, 'scripts/services.sh');
  log('KAFKA_BROKERS/DATABASE_URL not both set: bash scripts/services.sh up');
  execFileSync('bash', [script, 'up'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exports = execFileSync('bash', [script, 'env'], { encoding: 'utf8' });
  const value = (name: string): string => {
    const match = new RegExp(`^export ${name}=(.*)$`, 'm').exec(exports);
    if (!match) throw new Error(`scripts/services.sh env printed no ${name}`);
    return match[1].trim();
  };
  return { kafkaBrokers: value('KAFKA_BROKERS'), databaseUrl: value('DATABASE_URL') };
}

/** A fresh, empty database on the same server; drop() removes it, ending any connection left open. */
export interface ScratchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await withServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      withServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
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
