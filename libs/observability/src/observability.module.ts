// Logging, metrics and health for any Switchboard process.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { createRootLogger, ROOT_LOGGER } from './root-logger';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { createMetricsRegistry, METRICS_REGISTRY } from './metrics.registry';

export interface ObservabilityOptions {
  service: string;
  level: string;
}

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const logger = createRootLogger(options.service, options.level);
    return {
      module: ObservabilityModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(options.service) },
      ],
      exports: [ROOT_LOGGER, METRICS_REGISTRY],
    };
  }
}
