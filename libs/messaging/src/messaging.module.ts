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
import { ROOT_LOGGER } from '@switchboard/observability';
import type { Logger } from 'pino';
import { BUS, type Bus } from './bus.port';
import { InProcessBus } from './in-process.bus';
import { KafkaBus } from './kafka.bus';

export function createBus(config: AppConfig, logger: Logger): Bus {
  const busLogger = logger.child({ component: 'bus' });
  return config.bus.kind === 'kafka'
    ? new KafkaBus({ brokers: config.bus.brokers, clientId: config.bus.clientId, logger: busLogger })
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
      providers: [{ provide: BUS, inject: [APP_CONFIG, ROOT_LOGGER], useFactory: createBus }, BusLifecycle],
      exports: [BUS],
    };
  }
}
