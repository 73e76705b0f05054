// Scratch resources for `npm run load` on real servers: a fresh database per run (so the checks afterwards see
// this run alone) and the run's own Kafka topics, both removed when the run ends. The servers keep running.
//   tsx load-tests/load-scratch.ts create-db <server url>      prints the new database's URL
//   tsx load-tests/load-scratch.ts drop-db <database url>
//   tsx load-tests/load-scratch.ts drop-topics <brokers> <prefix>
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

async function withServer(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function createDatabase(serverUrl: string): Promise<string> {
  const name = `sb_load_${randomBytes(5).toString('hex')}`;
  await withServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = url.pathname.slice(1);
  if (!/^sb_load_[0-9a-f]+$/.test(name))
    throw new Error(`refusing to drop ${name}: not a load-test database`);
  url.pathname = '/postgres';
  // FORCE (PostgreSQL 13+) ends any connection a killed process left behind. It may not end an autovacuum
  // worker (a superuser's backend: 42501 for a non-superuser role), which a freshly loaded database often has;
  // that worker gives way within seconds, so try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await withServer(url.toString(), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}

async function dropTopics(brokers: string, prefix: string): Promise<void> {
  if (!/^load\.[0-9a-z]+\.$/.test(prefix)) throw new Error(`refusing to delete topics under ${prefix}`);
  const admin = new Kafka({
    clientId: 'load-scratch',
    brokers: brokers.split(','),
    logLevel: logLevel.ERROR,
  }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
  } finally {
    await admin.disconnect();
  }
}

async function main(args: string[]): Promise<void> {
  const [command, a, b] = args;
  switch (command) {
    case 'create-db':
      console.log(await createDatabase(a));
      return;
    case 'drop-db':
      return dropDatabase(a);
    case 'drop-topics':
      return dropTopics(a, b);
    default:
      throw new Error(
        'usage: load-scratch.ts create-db <server url> | drop-db <url> | drop-topics <brokers> <prefix>',
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
