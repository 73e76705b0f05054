// Every gateway reads every routing event (its own consumer group) and pushes each to the sockets it concerns:
// the agents' namespace here, and any listener a channel adds (web chat pushes replies and queue updates to
// visitors this way, whichever gateway their socket is on).
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { RoutingEventV1Schema, type RoutingEventV1 } from '@switchboard/contracts';
import { BUS, type Bus, type ConsumedBatch, type Subscription } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { AgentsGateway } from './agents.gateway';
import { ConsoleStreams } from './console-stream.service';
import { validRecords } from './relay-records.util';

export type RoutingEventListener = (event: RoutingEventV1) => void;

@Injectable()
export class RoutingEventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;
  private readonly logger: Logger;
  /** The highest sequence number delivered per tenant: a republished event (after a crash) is dropped. */
  private readonly delivered = new Map<string, number>();
  private readonly listeners: RoutingEventListener[] = [];

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agents: AgentsGateway,
    private readonly consoles: ConsoleStreams,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'routing-event-relay' });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { topics, bus } = this.config;
    // The gateway may start before any router has created the topic; creating it here is idempotent.
    await this.bus.ensureTopics([topics.routingEvents], bus.kind === 'kafka' ? bus.partitions : 1);
    this.subscription = await this.bus.subscribe({
      // Every gateway must see every event, so each instance is its own group. A stable name per host and
      // port lets a restarted gateway reuse its group instead of leaving one behind on every start (port 0 is
      // an ephemeral test server, which gets a group of its own).
      groupId: `switchboard-gateway-${hostname()}-${this.config.http.port || randomUUID()}`,
      topics: [this.config.topics.routingEvents],
      fromBeginning: false,
      handleBatch: (batch) => this.relay(batch),
    });
  }

  /** Adds a listener that sees every event once, after the agents' and supervisors' sockets were pushed it. */
  addListener(listener: RoutingEventListener): void {
    this.listeners.push(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  private relay(batch: ConsumedBatch): Promise<void> {
    for (const event of validRecords(batch.messages, RoutingEventV1Schema, (skipped) =>
      this.logger.warn(skipped, 'skipping a routing event record'),
    ))
      this.deliverOnce(event);
    return Promise.resolve();
  }

  private deliverOnce(event: RoutingEventV1): void {
    // A tenant's events share one partition and are published in sequence order, so anything at or below
    // the last delivered number was already pushed.
    if (event.seq <= (this.delivered.get(event.tenantId) ?? 0)) return;
    this.delivered.set(event.tenantId, event.seq);
    this.agents.deliver(event);
    this.consoles.deliver(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: error, type: event.type }, 'a routing event listener failed');
      }
    }
  }
}
