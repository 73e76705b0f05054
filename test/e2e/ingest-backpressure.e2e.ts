// Admission control at the ingest edge, through HTTP: while the router's inbound backlog is above
// INGEST_MAX_BACKLOG (or the embedded bus is full), POST /v1/contacts answers 503 problem+json with Retry-After,
// and nothing it refused is queued. The gateway runs as its own process role; the router's consumer group is a
// stand-in on the real bus that holds its first batch, so the backlog is real and ends when the test says.
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { loadConfig, type AppConfig } from '@switchboard/config';
import { GatewayApiModule } from '@switchboard/gateway-api';
import { BUS, type Bus, type ConsumedBatch, type Subscription } from '@switchboard/messaging';
import { PRISMA_CLIENT, type PrismaClient } from '@switchboard/persistence';
import { PlatformModule, startApp } from '@switchboard/platform';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode } from '../support/app-harness';
import { createTenantFixture, type TenantFixture } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../persistence/test-database';

/** The gateway role alone, as apps/gateway deploys it: no router in the process. */
class GatewayOnlyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: GatewayOnlyModule,
      imports: [PlatformModule.forRoot({ service: 'gateway', config }), GatewayApiModule],
    };
  }
}

interface Gateway {
  app: INestApplication;
  url: string;
  config: AppConfig;
  bus: Bus;
  tenant: TenantFixture;
  close(): Promise<void>;
}

async function startGateway(mode: Mode, env: Record<string, string>): Promise<Gateway> {
  let database: TestDatabase | undefined;
  const base: Record<string, string> = {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JWT_SECRET: randomBytes(32).toString('hex'),
    KAFKA_TOPIC_PREFIX: `test-${randomBytes(4).toString('hex')}.`,
    ROUTER_GROUP_ID: `router-${randomBytes(4).toString('hex')}`,
    KAFKA_PARTITIONS: '3',
    SEED_DEMO: 'false',
  };
  if (mode === 'kafka+postgres') {
    database = await createTestDatabase({ kind: 'postgres' });
    if (database.target.kind !== 'postgres') throw new Error('expected a postgres test database');
    base.DATABASE_URL = database.target.url;
    base.KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
  } else {
    base.PGLITE_DATA_DIR = 'memory://';
  }
  const config = loadConfig({ ...base, ...env });
  const app = await startApp(GatewayOnlyModule.forRoot(config), config, { port: 0 });
  const { port } = (app.getHttpServer() as Server).address() as { port: number };
  const bus = app.get<Bus>(BUS);
  // The router creates its input topic when it starts; this gateway has no router, so do as it would.
  await bus.ensureTopics([config.topics.inbound], config.bus.kind === 'kafka' ? config.bus.partitions : 1);
  const tenant = await createTenantFixture(app.get<PrismaClient>(PRISMA_CLIENT), []);
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    config,
    bus,
    tenant,
    async close() {
      await app.close();
      await database?.drop();
    },
  };
}

/** Joins the router's consumer group and consumes nothing until released; then consumes everything. */
class StandInRouter {
  readonly received = new Set<string>();
  private released = false;
  private release!: () => void;
  private readonly releasing = new Promise<void>((resolve) => (this.release = resolve));
  private subscription?: Subscription;

  async join(gateway: Gateway): Promise<void> {
    this.subscription = await gateway.bus.subscribe({
      groupId: gateway.config.routerGroupId,
      topics: [gateway.config.topics.inbound],
      fromBeginning: true,
      handleBatch: (batch) => this.handle(batch),
    });
  }

  resume(): void {
    this.released = true;
    this.release();
  }

  close(): Promise<void> {
    this.resume();
    return this.subscription?.close() ?? Promise.resolve();
  }

  private async handle(batch: ConsumedBatch): Promise<void> {
    while (!this.released) {
      // Keep the group membership (Kafka) while the test builds the backlog.
      await Promise.race([this.releasing, new Promise((resolve) => setTimeout(resolve, 1_000))]);
      await batch.heartbeat();
    }
    for (const message of batch.messages) {
      const record = JSON.parse(message.value.toString('utf8')) as { channelMessageId: string };
      this.received.add(record.channelMessageId);
    }
  }
}

interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

async function postContact(gateway: Gateway, id: string): Promise<Answer> {
  const response = await fetch(`${gateway.url}/v1/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': gateway.tenant.apiKey },
    body: JSON.stringify({
      channel: 'chat',
      channelMessageId: id,
      from: { address: `visitor-${id}` },
      body: `Hello from ${id}`,
      sentAt: new Date().toISOString(),
    }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Posts new contacts until one is answered with `status`; returns that answer and the ids accepted meanwhile. */
async function postUntil(
  gateway: Gateway,
  status: number,
  prefix: string,
): Promise<{ answer: Answer; accepted: string[] }> {
  const accepted: string[] = [];
  for (let i = 0; i < 400; i++) {
    const id = `${prefix}-${i}`;
    const answer = await postContact(gateway, id);
    if (answer.status === 202) accepted.push(id);
    if (answer.status === status) return { answer, accepted };
    expect([202, 503]).toContain(answer.status);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no ${status} after 400 contacts`);
}

describe.each<Mode>(['embedded', 'kafka+postgres'])('ingest admission control (%s)', (mode) => {
  let gateway: Gateway | undefined;
  let router: StandInRouter | undefined;

  afterEach(async () => {
    await router?.close();
    await gateway?.close();
    router = undefined;
    gateway = undefined;
  });

  it('answers 503 with Retry-After while the router backlog is over the bound, and resumes when it drains', async () => {
    gateway = await startGateway(mode, { INGEST_MAX_BACKLOG: '3' });
    router = new StandInRouter();
    await router.join(gateway);

    const refused = await postUntil(gateway, 503, 'busy');
    expect(refused.accepted.length).toBeGreaterThan(3);
    expect(refused.answer.type).toContain('application/problem+json');
    expect(refused.answer.retryAfter).toBe('1');
    expect(refused.answer.body).toMatchObject({ status: 503, code: 'OVERLOADED' });
    expect(String(refused.answer.body.detail)).toContain('more than 3 messages are waiting to be routed');
    expect(await gateway.bus.backlog(gateway.config.routerGroupId, gateway.config.topics.inbound)).toBe(
      refused.accepted.length,
    );

    router.resume();
    const resumed = await postUntil(gateway, 202, 'after');
    // Everything answered 202 reaches the router, and nothing answered 503 was queued.
    const accepted = [...refused.accepted, ...resumed.accepted];
    await expect.poll(() => router!.received.size, { timeout: 20_000 }).toBe(accepted.length);
    expect([...router.received].sort()).toEqual([...accepted].sort());
  });
});

describe('ingest on a full embedded bus', () => {
  let gateway: Gateway | undefined;
  let router: StandInRouter | undefined;

  afterEach(async () => {
    await router?.close();
    await gateway?.close();
  });

  it("maps the bus's own overload to 503 with Retry-After, even under the ingest bound", async () => {
    gateway = await startGateway('embedded', { INGEST_MAX_BACKLOG: '1000', BUS_MAX_BACKLOG: '3' });
    router = new StandInRouter();
    await router.join(gateway);

    for (const id of ['full-1', 'full-2', 'full-3'])
      expect((await postContact(gateway, id)).status).toBe(202);
    const refused = await postContact(gateway, 'full-4');
    expect(refused).toMatchObject({ status: 503, retryAfter: '1', body: { code: 'OVERLOADED' } });
    expect(refused.type).toContain('application/problem+json');

    router.resume();
    const [after] = (await postUntil(gateway, 202, 'full-after')).accepted;
    // The bus delivers in order, so once the later message arrives, a queued full-4 would have too.
    await expect.poll(() => router!.received.has(after), { timeout: 20_000 }).toBe(true);
    expect([...router.received].sort()).toEqual(['full-1', 'full-2', 'full-3', after]);
  });
});
