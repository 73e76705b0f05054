// Provides the configured bus: Kafka when brokers are configured, the in-process bus otherwise. The in-process
// bus is durable when a journal is provided (BUS_JOURNAL) and the database is the embedded PGlite.
import {
  Global,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  Inject,
  Injectable,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/config';
import { METRICS_REGISTRY, ROOT_LOGGER } from '@switchboard/observability';
import type { Registry } from 'prom-client';
import { BUS_METRICS, createBusMetrics, type BusMetrics } from './bus.metrics';
import type { Logger } from 'pino';
import { BUS_JOURNAL, type BusJournal } from './bus-journal.port';
import { BUS, type Bus } from './bus.port';
import { InProcessBus } from './in-process.bus';
import { KafkaBus } from './kafka.bus';

export async function createBus(
  config: AppConfig,
  logger: Logger,
  metrics: BusMetrics,
  journal?: BusJournal,
): Promise<Bus> {
  const busLogger = logger.child({ component: 'bus' });
  if (config.bus.kind === 'kafka') {
    return new KafkaBus({
      brokers: config.bus.brokers,
      clientId: config.bus.clientId,
      logger: busLogger,
      metrics,
    });
  }
  const bus = new InProcessBus(busLogger, {
    // Only PGlite: its directory lock guarantees one process, hence one writer of the journal's offsets.
    journal: config.database.kind === 'pglite' ? journal : undefined,
    maxBacklog: config.limits.busMaxBacklog,
    // Every routing event is a routing_events row committed with its state; the router republishes what was
    // not published and consoles replay from that table, so journaling the topic again only cost writes.
    memoryOnlyTopics: [config.topics.routingEvents],
  });
  // Reads where the journal left off before anyone can publish or subscribe.
  await bus.start();
  return bus;
}

@Injectable()
class BusLifecycle implements OnApplicationShutdown {
  constructor(@Inject(BUS) private readonly bus: Bus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        {
          provide: BUS_METRICS,
          inject: [METRICS_REGISTRY],
          useFactory: (registry: Registry) => createBusMetrics(registry),
        },
        {
          provide: BUS,
          inject: [APP_CONFIG, ROOT_LOGGER, BUS_METRICS, { token: BUS_JOURNAL, optional: true }],
          useFactory: createBus,
        },
        BusLifecycle,
      ],
      exports: [BUS, BUS_METRICS],
    };
  }
}
