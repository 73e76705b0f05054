// A brand-new gateway on real Kafka (a consumer group of its own, reading new events only): the moment it is
// up and /health says ready, an event published on the routing-events topic reaches its relay, so no console
// it accepts can miss one (ADR 0026, "startup").
import type { RoutingEventV1 } from '@switchboard/contracts';
import { RoutingEventRelay } from '@switchboard/gateway-api';
import { KafkaBus } from '@switchboard/messaging';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routingEventOf } from '../../libs/gateway-api/src/realtime/routing-event.fixture';
import { startHarness, type Harness } from '../support/app-harness';

describe('gateway startup (kafka+postgres)', () => {
  let harness: Harness;
  let publisher: KafkaBus;

  beforeAll(async () => {
    publisher = new KafkaBus({
      brokers: [process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'],
      clientId: 'gateway-startup-test',
      logger: pino({ level: 'silent' }),
    });
    // Connected before the gateway starts, so the publish below is a single round trip.
    await publisher.ready();
  });

  afterAll(async () => {
    await harness?.close();
    await publisher.close();
  });

  it('relays an event published as soon as the new gateway is ready', async () => {
    harness = await startHarness('kafka+postgres');
    const seen: RoutingEventV1[] = [];
    harness.app.get(RoutingEventRelay).addListener((event) => seen.push(event));
    const health = await fetch(`${harness.url}/health`);
    expect(health.status).toBe(200);

    const event = routingEventOf('agent.status-changed', {
      tenantId: randomUUID(),
      seq: 1,
      eventId: randomUUID(),
      at: new Date().toISOString(),
    });
    await publisher.publish(harness.config.topics.routingEvents, [
      { key: event.tenantId, value: JSON.stringify(event) },
    ]);
    await expect.poll(() => seen.map((e) => e.eventId), { timeout: 30_000 }).toContain(event.eventId);
  });
});
