// Everything a Switchboard process stands on: validated config, logs/metrics/health, the database, the bus, auth.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@switchboard/auth';
import { AppConfigModule, type AppConfig } from '@switchboard/config';
import { BUS, MessagingModule, type Bus } from '@switchboard/messaging';
import { ObservabilityModule, READINESS_PROBES, type ReadinessProbe } from '@switchboard/observability';
import { PersistenceModule, PRISMA_CLIENT, type PrismaClient } from '@switchboard/persistence';

export interface PlatformOptions {
  service: string;
  config: AppConfig;
}

@Global()
@Module({})
export class PlatformModule {
  static forRoot({ service, config }: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ service, level: config.logLevel }),
        PersistenceModule.forRoot({ target: config.database, migrateOnBoot: config.migrateOnBoot }),
        MessagingModule.forRoot(),
        AuthModule,
      ],
      providers: [{ provide: READINESS_PROBES, inject: [PRISMA_CLIENT, BUS], useFactory: readinessProbes }],
      exports: [READINESS_PROBES],
    };
  }
}

function readinessProbes(prisma: PrismaClient, bus: Bus): ReadinessProbe[] {
  return [
    { name: 'database', check: async () => void (await prisma.$queryRaw`SELECT 1`) },
    { name: 'bus', check: () => bus.ready() },
  ];
}
