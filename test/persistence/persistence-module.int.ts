// The Nest module on the embedded default: migrates on boot, injects the client, closes on shutdown.
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import {
  InjectPrisma,
  PersistenceModule,
  PGLITE_MEMORY,
  PRISMA_CLIENT,
  PrismaClient,
} from '@switchboard/persistence';

@Injectable()
class TenantCounter {
  constructor(@InjectPrisma() private readonly prisma: PrismaClient) {}

  count(): Promise<number> {
    return this.prisma.tenant.count();
  }
}

// Injection by type relies on decorator metadata naming the generated class; the alias token makes it resolve.
@Injectable()
class TypedConsumer {
  constructor(readonly prisma: PrismaClient) {}
}

@Module({ providers: [TenantCounter, TypedConsumer] })
class FeatureModule {}

describe('PersistenceModule', () => {
  it('migrates an embedded database on boot and serves the client to feature modules', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRoot({
          target: { kind: 'pglite', dataDir: PGLITE_MEMORY },
          migrateOnBoot: true,
        }),
        FeatureModule,
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();

    expect(await app.get(TenantCounter).count()).toBe(0);
    expect(app.get(PrismaClient)).toBe(app.get(PRISMA_CLIENT));
    expect(app.get(TypedConsumer).prisma).toBe(app.get(PRISMA_CLIENT));

    const prisma = app.get<PrismaClient>(PRISMA_CLIENT);
    await app.close();
    await expect(prisma.tenant.count()).rejects.toThrow();
  });

  it('takes its options from a factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PersistenceModule.forRootAsync({
          useFactory: () => ({
            target: { kind: 'pglite' as const, dataDir: PGLITE_MEMORY },
            migrateOnBoot: true,
          }),
        }),
      ],
    }).compile();
    const app = await moduleRef.createNestApplication({ logger: false }).init();
    const rows = await app
      .get<PrismaClient>(PRISMA_CLIENT)
      .$queryRawUnsafe<{ n: number }[]>('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(rows[0].n).toBeGreaterThan(0);
    await app.close();
  });
});
