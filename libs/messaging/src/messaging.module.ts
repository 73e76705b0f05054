// Provides the configured bus: Kafka when brokers are configured, the in-process bus otherwise.
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
import { BUS, type Bus } from './bus.port';
import { InProcessBus } from './in-process.bus';
import { KafkaBus } from './kafka.bus';

export function createBus(config: AppConfig, logger: Logger, metrics: BusMetrics): Bus {
  const busLogger = logger.child({ component: 'bus' });
  return config.bus.kind === 'kafka'
    ? new KafkaBus({ brokers: config.bus.brokers, clientId: config.bus.clientId, logger: busLogger, metrics })
    : new InProcessBus(busLogger);
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
        { provide: BUS, inject: [APP_CONFIG, ROOT_LOGGER, BUS_METRICS], useFactory: createBus },
        BusLifecycle,
      ],
      exports: [BUS, BUS_METRICS],
    };
  }
}
