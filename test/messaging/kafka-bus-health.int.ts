// The Kafka bus, and GET /health with it, reports itself down while it is down and recovers by itself: a
// producer that cannot connect fails publish in seconds and keeps retrying, and a consumer stopped by a
// non-retriable crash is restarted.
// The shared broker is never stopped: "down" is a loopback port nobody listens on, and "back" is a proxy
// opened on that port to the real broker.
import { randomBytes } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@switchboard/config';
import { KafkaBus, type ConsumedBatch } from '@switchboard/messaging';
import { PlatformModule, startApp } from '@switchboard/platform';
import pino from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/processes';

const quiet = pino({ level: 'silent' });
const realBroker = (): { host: string; port: number } => {
  const [host, port] = inject('kafkaBrokers').split(',')[0].split(':');
  return { host, port: Number(port) };
};

/** A TCP proxy to the real broker; kafkajs bootstraps through it, then talks to the advertised address. */
function proxyOn(port: number): Promise<{ close(): Promise<void> }> {
  const { host, port: brokerPort } = realBroker();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(brokerPort, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

describe('KafkaBus health', () => {
  const buses: KafkaBus[] = [];
  const closers: Array<() => Promise<void>> = [];
  const busOn = (brokers: string): KafkaBus => {
    const bus = new KafkaBus({ brokers: [brokers], clientId: 'health-test', logger: quiet });
    buses.push(bus);
    return bus;
  };

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
    for (const close of closers) await close();
  });

  it('with no broker: ready() rejects with the reason and publish fails instead of hanging', async () => {
    const bus = busOn('127.0.0.1:1');
    const started = Date.now();
    await expect(bus.ready()).rejects.toThrow(/Kafka bus is down: .*ECONNREFUSED 127\.0\.0\.1:1/);
    await expect(bus.publish('any-topic', [{ key: 'k', value: 'v' }])).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Now known down: readiness answers at once, naming the producer and when it went down.
    const quick = Date.now();
    await expect(bus.ready()).rejects.toThrow(/producer: .*ECONNREFUSED.*\(since /);
    expect(Date.now() - quick).toBeLessThan(1_000);
  });

  it('comes back by itself once the broker is reachable, and publishes again', async () => {
    const port = await freePort();
    const bus = busOn(`127.0.0.1:${port}`);
    await expect(bus.ready()).rejects.toThrow(/ECONNREFUSED/);

    const proxy = await proxyOn(port);
    closers.push(() => proxy.close());
    // No publish needed: the background reconnect brings the producer back.
    await expect
      .poll(
        () =>
          bus.ready().then(
            () => 'up',
            (e: Error) => e.message,
          ),
        { timeout: 45_000, interval: 500 },
      )
      .toBe('up');
    const topic = `health-${randomBytes(4).toString('hex')}`;
    await bus.ensureTopics([topic], 1);
    await bus.publish(topic, [{ key: 'k', value: 'after the outage' }]);
  });

  it('restarts a consumer that kafkajs stopped after a non-retriable crash, reporting it down meanwhile', async () => {
    const bus = busOn(inject('kafkaBrokers'));
    const topic = `health-${randomBytes(4).toString('hex')}`;
    const groupId = `health-group-${randomBytes(4).toString('hex')}`;
    await bus.ensureTopics([topic], 1);
    await bus.publish(topic, [{ key: 'k', value: 'poison until fixed' }]);
    let fixed = false;
    let attempts = 0;
    const handled: string[] = [];
    await bus.subscribe({
      groupId,
      topics: [topic],
      fromBeginning: true,
      handleBatch: (batch: ConsumedBatch) => {
        attempts++;
        // kafkajs treats a TypeError as unrecoverable: CRASH with restart: false, and the consumer stops.
        if (!fixed) throw new TypeError(`handler bug (attempt ${attempts})`);
        handled.push(...batch.messages.map((m) => m.value.toString()));
        return Promise.resolve();
      },
    });

    await expect
      .poll(
        () =>
          bus.ready().then(
            () => 'up',
            (e: Error) => e.message,
          ),
        { timeout: 30_000, interval: 50 },
      )
      .toMatch(new RegExp(`consumer ${groupId}: .*handler bug`));
    // Restarted at least once more after the first crash, each time with a fresh consumer.
    await expect.poll(() => attempts, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);

    fixed = true;
    await expect.poll(() => handled, { timeout: 60_000 }).toEqual(['poison until fixed']);
    await expect
      .poll(
        () =>
          bus.ready().then(
            () => 'up',
            (e: Error) => e.message,
          ),
        { timeout: 30_000 },
      )
      .toBe('up');
  });

  it('GET /health reports the bus down with the reason while it is down, and 200 once it is back', async () => {
    const port = await freePort();
    const config = loadConfig({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      KAFKA_BROKERS: `127.0.0.1:${port}`,
      PGLITE_DATA_DIR: 'memory://',
      JWT_SECRET: randomBytes(32).toString('hex'),
    });
    const app: INestApplication = await startApp(
      PlatformModule.forRoot({ service: 'health-test', config }),
      config,
      { port: 0 },
    );
    closers.push(() => app.close());
    const { port: httpPort } = (app.getHttpServer() as import('node:http').Server).address() as {
      port: number;
    };
    const health = async () => {
      const response = await fetch(`http://127.0.0.1:${httpPort}/health`);
      return {
        status: response.status,
        body: (await response.json()) as {
          info?: unknown;
          error?: Record<string, { status: string; message?: string }>;
        },
      };
    };

    const down = await health();
    expect(down.status).toBe(503);
    expect(down.body.error?.bus?.status).toBe('down');
    expect(down.body.error?.bus?.message).toMatch(/Kafka bus is down: .*ECONNREFUSED/);
    expect(down.body.error?.database).toBeUndefined();

    const proxy = await proxyOn(port);
    closers.push(() => proxy.close());
    await expect.poll(async () => (await health()).status, { timeout: 45_000, interval: 500 }).toBe(200);
  });
});
