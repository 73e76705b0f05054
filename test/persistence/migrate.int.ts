// The project's migration runner against real PostgreSQL and embedded PGlite: history rows as Prisma
// writes them, idempotent re-runs, tamper detection, atomic failures, and the idempotency constraints.
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseTarget, MigrationError, MigrationErrorCode, Prisma } from '@switchboard/persistence';
import { createTestDatabase, type TestDatabase } from './test-database';

const MIGRATIONS_DIR = resolve('prisma/migrations');
const committed = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

interface HistoryRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  started_at: Date;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const kinds: DatabaseTarget['kind'][] = ['postgres', 'pglite'];

describe.each(kinds)('migrations on %s', (kind) => {
  // The integration setup always provides DATABASE_URL; without it the PostgreSQL cases show as skipped.
  const test = kind === 'postgres' && !process.env.DATABASE_URL ? it.skip : it;
  const opened: TestDatabase[] = [];
  const tempDirs: string[] = [];
  const open = async (migrate = false): Promise<TestDatabase> => {
    const database = await createTestDatabase({ kind, migrate });
    opened.push(database);
    return database;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((database) => database.drop()));
    for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test('records every committed migration exactly as Prisma does', async () => {
    const db = await open();
    const report = await db.migrate();
    expect(report.applied).toEqual(committed);

    const rows = await db.prisma.$queryRawUnsafe<HistoryRow[]>(
      'SELECT * FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((row) => row.migration_name)).toEqual(committed);
    for (const row of rows) {
      const sql = readFileSync(join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  test('treats a second run as a no-op', async () => {
    const db = await open();
    await db.migrate();
    const again = await db.migrate();
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toEqual(committed);
    const [{ count }] = await db.prisma.$queryRawUnsafe<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM "_prisma_migrations"',
    );
    expect(count).toBe(committed.length);
  });

  test('detects a migration edited after it was applied', async () => {
    const db = await open();
    await db.migrate();
    await db.prisma.$executeRawUnsafe(
      `UPDATE "_prisma_migrations" SET checksum = repeat('0', 64) WHERE migration_name = $1`,
      committed[0],
    );
    const failure = await db.migrate().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).code).toBe(MigrationErrorCode.ChecksumMismatch);
    expect((failure as MigrationError).message).toContain(committed[0]);
  });

  test('rolls a failing migration back completely and applies it once fixed', async () => {
    const db = await open();
    const dir = mkdtempSync(join(tmpdir(), 'sb-migrations-'));
    tempDirs.push(dir);
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const broken = join(dir, '29991231235959_broken');
    mkdirSync(broken);
    writeFileSync(
      join(broken, 'migration.sql'),
      'CREATE TABLE "half_done" ("id" TEXT);\nSELECT no_such_function();\n',
    );

    const failure = await db.migrate({ migrationsDir: dir }).catch((error: unknown) => error);
    expect((failure as MigrationError).code).toBe(MigrationErrorCode.ApplyFailed);
    expect((failure as MigrationError).migrationName).toBe('29991231235959_broken');
    const leftovers = await db.prisma.$queryRawUnsafe<{ name: string | null }[]>(
      `SELECT to_regclass('half_done')::text AS name`,
    );
    expect(leftovers[0].name).toBeNull();

    writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" TEXT);\n');
    const fixed = await db.migrate({ migrationsDir: dir });
    expect(fixed.applied).toEqual(['29991231235959_broken']);
  });

  test('stores a channel message once: a duplicate is P2002', async () => {
    const db = await open(true);
    const { tenantId, conversationId } = await createConversation(db);
    const message = {
      tenantId,
      conversationId,
      direction: 'inbound' as const,
      channel: 'email',
      channelMessageId: '<abc@example.com>',
      body: 'Hello',
      sentAt: new Date(),
    };
    await db.prisma.message.create({ data: message });
    const duplicate = await db.prisma.message
      .create({ data: { ...message, body: 'Hello again' } })
      .catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((duplicate as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
    // The same id on another channel is another message.
    await db.prisma.message.create({ data: { ...message, channel: 'chat' } });
    expect(await db.prisma.message.count()).toBe(2);
  });

  test('allows one pending offer and one open assignment per conversation', async () => {
    const db = await open(true);
    const { tenantId, conversationId, agentId } = await createConversation(db);
    const offer = {
      tenantId,
      conversationId,
      agentId,
      offeredAt: new Date(),
      expiresAt: new Date(Date.now() + 30_000),
    };
    const first = await db.prisma.offer.create({ data: offer });
    await expect(db.prisma.offer.create({ data: offer })).rejects.toMatchObject({ code: 'P2002' });
    await db.prisma.offer.update({
      where: { id: first.id },
      data: { status: 'declined', respondedAt: new Date() },
    });
    await db.prisma.offer.create({ data: offer });

    const assignment = { tenantId, conversationId, agentId, assignedAt: new Date() };
    const open1 = await db.prisma.assignment.create({ data: assignment });
    await expect(db.prisma.assignment.create({ data: assignment })).rejects.toMatchObject({
      code: 'P2002',
    });
    await db.prisma.assignment.update({ where: { id: open1.id }, data: { endedAt: new Date() } });
    await db.prisma.assignment.create({ data: assignment });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('concurrent migrators on postgres', () => {
  it('serialise on the advisory lock: each migration is applied exactly once', async () => {
    const db = await createTestDatabase({ kind: 'postgres', migrate: false });
    try {
      const reports = await Promise.all([db.migrate(), db.migrate(), db.migrate()]);
      expect(reports.flatMap((report) => report.applied).sort()).toEqual(committed);
      const [{ count }] = await db.prisma.$queryRawUnsafe<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM "_prisma_migrations"',
      );
      expect(count).toBe(committed.length);
    } finally {
      await db.drop();
    }
  });
});

async function createConversation(
  db: TestDatabase,
): Promise<{ tenantId: string; conversationId: string; agentId: string }> {
  const tenant = await db.prisma.tenant.create({ data: { slug: 'acme', name: 'Acme' } });
  const customer = await db.prisma.customer.create({ data: { tenantId: tenant.id } });
  const agent = await db.prisma.agent.create({
    data: { tenantId: tenant.id, displayName: 'Ada', email: 'ada@acme.test' },
  });
  const conversation = await db.prisma.conversation.create({
    data: { tenantId: tenant.id, customerId: customer.id, channel: 'email', lastMessageAt: new Date() },
  });
  return { tenantId: tenant.id, conversationId: conversation.id, agentId: agent.id };
}
