// Everything a Switchboard process stands on: validated config, logs/metrics/health, the database, the bus, auth.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, Public } from '@switchboard/auth';
import { AppConfigModule, type AppConfig } from '@switchboard/config';
import { BUS, MessagingModule, type Bus } from '@switchboard/messaging';
import {
  HealthController,
  MetricsController,
  ObservabilityModule,
  READINESS_PROBES,
  type ReadinessProbe,
} from '@switchboard/observability';
import { PersistenceModule, PRISMA_CLIENT, SecretVault, type PrismaClient } from '@switchboard/persistence';
import { EmbeddingOrigins } from './http/embedding-origins';

// The probes are public: load balancers and Prometheus scrapers carry no credentials, /health reveals only
// which dependency is down, and the metrics hold no tenant data (their labels are topics, partitions, groups
// and error codes); restrict /metrics at the network edge if that is still too much. Declared here because
// observability cannot import auth (auth -> persistence -> messaging -> observability would be a cycle).
Public()(HealthController);
Public()(MetricsController);

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
      providers: [
        { provide: READINESS_PROBES, inject: [PRISMA_CLIENT, BUS], useFactory: readinessProbes },
        // One box per process: on a memory:// database its key lives only here.
        { provide: SecretVault, useFactory: () => new SecretVault(config.secretsKey, config.database) },
        EmbeddingOrigins,
      ],
      exports: [READINESS_PROBES, SecretVault, EmbeddingOrigins],
    };
  }
}

function readinessProbes(prisma: PrismaClient, bus: Bus): ReadinessProbe[] {
  return [
    { name: 'database', check: async () => void (await prisma.$queryRaw`SELECT 1`) },
    { name: 'bus', check: () => bus.ready() },
  ];
}
