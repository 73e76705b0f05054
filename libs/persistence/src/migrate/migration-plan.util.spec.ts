import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MigrationError, MigrationErrorCode } from './migration.exception';
import {
  type AppliedMigrationRow,
  checksumMatches,
  migrationChecksum,
  planMigrations,
  sortMigrations,
} from './migration-plan.util';

const migration = (name: string, sql = `-- ${name}\nSELECT 1;\n`) => ({ name, sql });
const applied = (
  name: string,
  sql: string,
  overrides: Partial<AppliedMigrationRow> = {},
): AppliedMigrationRow => ({
  migrationName: name,
  checksum: migrationChecksum(sql),
  finishedAt: new Date('2026-01-01T00:00:00Z'),
  rolledBackAt: null,
  ...overrides,
});

function planError(run: () => unknown): MigrationError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof MigrationError) return error;
    throw error;
  }
  throw new Error('expected a MigrationError');
}

describe('sortMigrations', () => {
  it('orders folders by name, which the timestamp prefix makes chronological', () => {
    const names = ['20261124033251_b', '20250101000000_z', '20261124033222_a', '20261124033222_A'];
    expect(sortMigrations(names.map((name) => migration(name))).map((m) => m.name)).toEqual([
      '20250101000000_z',
      '20261124033222_A',
      '20261124033222_a',
      '20261124033251_b',
    ]);
  });
});

describe('migrationChecksum', () => {
  it('is the sha256 hex of the script, as Prisma records it', () => {
    const sql = 'CREATE TABLE "t" ("id" TEXT NOT NULL);\n';
    expect(migrationChecksum(sql)).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(migrationChecksum(sql)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('accepts the same script with flipped line endings, like Prisma', () => {
    const unix = 'SELECT 1;\nSELECT 2;\n';
    const windows = 'SELECT 1;\r\nSELECT 2;\r\n';
    expect(checksumMatches(windows, migrationChecksum(unix))).toBe(true);
    expect(checksumMatches(unix, migrationChecksum(windows))).toBe(true);
    expect(checksumMatches('SELECT 3;\n', migrationChecksum(unix))).toBe(false);
  });
});

describe('planMigrations', () => {
  const first = migration('20260101000000_init');
  const second = migration('20260102000000_more');

  it('plans everything on an empty history, in order', () => {
    const plan = planMigrations([second, first], []);
    expect(plan.pending.map((m) => m.name)).toEqual([first.name, second.name]);
    expect(plan.alreadyApplied).toEqual([]);
  });

  it('skips applied migrations and keeps the rest pending', () => {
    const plan = planMigrations([first, second], [applied(first.name, first.sql)]);
    expect(plan.alreadyApplied).toEqual([first.name]);
    expect(plan.pending.map((m) => m.name)).toEqual([second.name]);
  });

  it('is a no-op when everything is applied', () => {
    const plan = planMigrations(
      [first, second],
      [applied(first.name, first.sql), applied(second.name, second.sql)],
    );
    expect(plan.pending).toEqual([]);
  });

  it('rejects an applied migration whose file changed, naming it', () => {
    const error = planError(() => planMigrations([first], [applied(first.name, 'something else')]));
    expect(error.code).toBe(MigrationErrorCode.ChecksumMismatch);
    expect(error.migrationName).toBe(first.name);
    expect(error.message).toContain(first.name);
  });

  it('refuses to continue after a failed migration, as Prisma does', () => {
    const error = planError(() =>
      planMigrations([first], [applied(first.name, first.sql, { finishedAt: null })]),
    );
    expect(error.code).toBe(MigrationErrorCode.FailedMigrationInDatabase);
  });

  it('ignores rolled-back attempts and re-applies them', () => {
    const rolledBack = applied(first.name, 'old attempt', { finishedAt: null, rolledBackAt: new Date() });
    expect(planMigrations([first], [rolledBack]).pending.map((m) => m.name)).toEqual([first.name]);
  });

  it('reports migrations known only to the database', () => {
    const plan = planMigrations(
      [first],
      [applied(first.name, first.sql), applied('20270101000000_future', 'x')],
    );
    expect(plan.unknownInDatabase).toEqual(['20270101000000_future']);
  });
});
