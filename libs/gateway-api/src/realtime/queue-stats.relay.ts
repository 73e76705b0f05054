// The router's live queue and agent figures (QueueStatsV1 on the queue-stats topic) pushed to this gateway's
// supervisor consoles as `queue.stats`: whole-tenant watchers get every row, queue watchers only their queues'.
// Ephemeral like typing: each gateway reads from the latest with a group of its own, nothing is replayed.
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { QueueStatsV1Schema, type ConsoleEvent, type QueueStatsV1 } from '@switchboard/contracts';
import { BUS, type Bus, type ConsumedBatch, type Subscription } from '@switchboard/messaging';
import { ROOT_LOGGER } from '@switchboard/observability';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { ConsoleStreams } from './console-stream.service';
import { consoleQueueRoom, consoleTenantRoom } from './socket-rooms';
import { validRecords } from './relay-records.util';

/** Long enough for a consumer hiccup; a newer record supersedes an older one anyway. */
const QUEUE_STATS_RETENTION_MS = 60_000;

type QueueStatsEvent = Extract<ConsoleEvent, { type: 'queue.stats' }>;

@Injectable()
export class QueueStatsRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription?: Subscription;
  private readonly logger: Logger;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly streams: ConsoleStreams,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'queue-stats-relay' });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { topics, bus } = this.config;
    const partitions = bus.kind === 'kafka' ? bus.partitions : 1;
    await this.bus.ensureTopics([topics.queueStats], partitions, { retentionMs: QUEUE_STATS_RETENTION_MS });
    this.subscription = await this.bus.subscribe({
      // Every gateway must see every record; named like the routing-event relay's group, for the same reason.
      groupId: `switchboard-queue-stats-${hostname()}-${this.config.http.port || randomUUID()}`,
      topics: [topics.queueStats],
      fromBeginning: false,
      handleBatch: (batch) => this.receive(batch),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscription?.close();
  }

  receive(batch: Pick<ConsumedBatch, 'messages'>): Promise<void> {
    for (const record of validRecords(batch.messages, QueueStatsV1Schema, (skipped) =>
      this.logger.warn(skipped, 'skipping a queue stats record'),
    ))
      this.push(record);
    return Promise.resolve();
  }

  private push(record: QueueStatsV1): void {
    const { tenantId, at, queues, agents } = record;
    const event: QueueStatsEvent = { type: 'queue.stats', tenantId, seq: null, at, queues, agents };
    this.streams.push(event, [consoleTenantRoom(tenantId)]);
    // A queue watcher is sent its queue's row alone; one watching several queues gets each in its own push.
    for (const row of queues)
      this.streams.push({ ...event, queues: [row] }, [consoleQueueRoom(tenantId, row.queueId)]);
  }
}
