// Global Nest module that opens the configured database once, optionally migrates it on boot,
// provides the Prisma client (`@InjectPrisma()`, or by the `PrismaClient` class), and closes it after every
// other module has shut down.
import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  type InjectionToken,
  Logger,
  Module,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
  type Provider,
} from '@nestjs/common';
import { type DatabaseTarget, describeDatabaseTarget } from './database-target';
import { PrismaClient } from './generated/prisma/client';
import { type Database, openDatabase } from './prisma-client.factory';
import { DATABASE, PERSISTENCE_OPTIONS, PRISMA_CLIENT, SQL_TRANSACTOR } from './persistence.tokens';
import type { SqlTransactor } from './sql/sql-transactor';

export interface PersistenceModuleOptions {
  readonly target: DatabaseTarget;
  /** Apply pending migrations before the app starts; the embedded default needs this, deployments may migrate separately. */
  readonly migrateOnBoot?: boolean;
  readonly migrationsDir?: string;
}

export interface PersistenceModuleAsyncOptions<Args extends unknown[] = unknown[]> extends Pick<
  ModuleMetadata,
  'imports'
> {
  readonly inject?: Array<InjectionToken | OptionalFactoryDependency>;
  readonly useFactory: (...args: Args) => PersistenceModuleOptions | Promise<PersistenceModuleOptions>;
}

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  // onApplicationShutdown runs after every module's onModuleDestroy, so late writers still have a connection.
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

async function openConfiguredDatabase(options: PersistenceModuleOptions): Promise<Database> {
  const logger = new Logger('Persistence');
  const database = openDatabase(options.target);
  try {
    if (options.migrateOnBoot) {
      const report = await database.migrate({
        migrationsDir: options.migrationsDir,
        logger: { info: (message) => logger.log(message), warn: (message) => logger.warn(message) },
      });
      logger.log(
        `Database ${describeDatabaseTarget(options.target)} is migrated (${report.applied.length} applied now)`,
      );
    } else {
      await database.prisma.$connect();
    }
    return database;
  } catch (error: unknown) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

const sharedProviders: Provider[] = [
  { provide: DATABASE, inject: [PERSISTENCE_OPTIONS], useFactory: openConfiguredDatabase },
  {
    provide: PRISMA_CLIENT,
    inject: [DATABASE],
    useFactory: (database: Database): PrismaClient => database.prisma,
  },
  {
    provide: SQL_TRANSACTOR,
    inject: [DATABASE],
    useFactory: (database: Database): SqlTransactor => database.sql,
  },
  // Alias for constructor injection by type, which works wherever decorator metadata names the class.
  { provide: PrismaClient, useExisting: PRISMA_CLIENT },
  DatabaseLifecycle,
];

@Global()
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceModuleOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [{ provide: PERSISTENCE_OPTIONS, useValue: options }, ...sharedProviders],
      exports: [PRISMA_CLIENT, PrismaClient, SQL_TRANSACTOR],
    };
  }

  static forRootAsync<Args extends unknown[]>(options: PersistenceModuleAsyncOptions<Args>): DynamicModule {
    // Nest resolves `inject` at run time; the generic only types the caller's factory parameters.
    const useFactory = options.useFactory as unknown as (
      ...args: unknown[]
    ) => Promise<PersistenceModuleOptions>;
    return {
      module: PersistenceModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: PERSISTENCE_OPTIONS, inject: options.inject ?? [], useFactory },
        ...sharedProviders,
      ],
      exports: [PRISMA_CLIENT, PrismaClient, SQL_TRANSACTOR],
    };
  }
}
