// A router and a gateway as their own built processes on real Kafka and a fresh PostgreSQL database, with
// their own topics and consumer group: the set-up of the tests that kill the router mid-flow and start another.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';
import { freePort, startRole, stop, waitForHealth } from './processes';

export class SplitStack {
  private router: ChildProcess | undefined;
  private gateway: ChildProcess | undefined;
  gatewayUrl = '';

  private constructor(
    readonly database: TestDatabase,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** A database and the processes' environment; nothing runs yet (create the fixtures, then start). */
  static async create(name: string, env: Record<string, string> = {}): Promise<SplitStack> {
    const database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected postgres');
    return new SplitStack(database, {
      ...process.env,
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.target.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKA_TOPIC_PREFIX: `${name}-${randomBytes(4).toString('hex')}.`,
      KAFKA_PARTITIONS: '3',
      ROUTER_GROUP_ID: `router-${randomBytes(4).toString('hex')}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...env,
    });
  }

  /** Starts a router (a new one after a kill) and waits until it is healthy. */
  async startRouter(): Promise<void> {
    const port = await freePort();
    this.router = startRole('router', { ...this.env, PORT: String(port) });
    await waitForHealth(`http://127.0.0.1:${port}`, this.router, 60_000);
  }

  /** `kill -9` of the running router: no shutdown hook runs. */
  async killRouter(): Promise<void> {
    await stop(this.router, 'SIGKILL');
  }

  async startGateway(): Promise<void> {
    const port = await freePort();
    this.gatewayUrl = `http://127.0.0.1:${port}`;
    this.gateway = startRole('gateway', { ...this.env, PORT: String(port) });
    await waitForHealth(this.gatewayUrl, this.gateway, 60_000);
  }

  /** A second stack on the same database, topics and router group: another gateway (or router) beside these. */
  sibling(): SplitStack {
    return new SplitStack(this.database, this.env);
  }

  async stopGateway(): Promise<void> {
    await stop(this.gateway);
  }

  /** `kill -9` of the running gateway: its sockets drop and it says nothing more to the router. */
  async killGateway(): Promise<void> {
    await stop(this.gateway, 'SIGKILL');
  }

  async dispose(): Promise<void> {
    await stop(this.router);
    await stop(this.gateway);
    await this.database.drop();
  }
}
