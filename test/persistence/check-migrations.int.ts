// The CI drift gate as CI runs it: agreement on the committed files, and a failure naming the missing SQL
// when the schema gains a field without a migration or a migration breaks.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const TIMEOUT_MS = 120_000;
const tsx = resolve('node_modules/.bin/tsx');

function checkMigrations(env: Record<string, string> = {}): { status: number | null; output: string } {
  const result = spawnSync(tsx, ['scripts/check-migrations.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('check-migrations', () => {
  const dirs: string[] = [];
  const scratch = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-drift-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('passes on the committed schema and migrations', { timeout: TIMEOUT_MS }, () => {
    const { status, output } = checkMigrations();
    expect(output).toContain('schema and migrations agree');
    expect(status).toBe(0);
  });

  it(
    'fails with the missing SQL when the schema gains a field without a migration',
    { timeout: TIMEOUT_MS },
    () => {
      const schemaPath = join(scratch(), 'schema.prisma');
      const schema = readFileSync('prisma/schema.prisma', 'utf8');
      const drifted = schema.replace(/^(model Skill \{\n)/m, '$1  color String?\n');
      expect(drifted).not.toBe(schema);
      writeFileSync(schemaPath, drifted);

      const { status, output } = checkMigrations({ SCHEMA_PATH: schemaPath });
      expect(status).toBe(1);
      expect(output).toContain('schema and migrations disagree');
      expect(output).toMatch(/ALTER TABLE "skills" ADD COLUMN\s+"color" TEXT/);
    },
  );

  it('fails, naming the migration, when a migration does not apply', { timeout: TIMEOUT_MS }, () => {
    const migrationsDir = scratch();
    cpSync('prisma/migrations', migrationsDir, { recursive: true });
    mkdirSync(join(migrationsDir, '29991231235959_broken'));
    writeFileSync(
      join(migrationsDir, '29991231235959_broken', 'migration.sql'),
      'ALTER TABLE "nope" ADD x INT;\n',
    );

    const { status, output } = checkMigrations({ MIGRATIONS_DIR: migrationsDir });
    expect(status).toBe(2);
    expect(output).toContain('29991231235959_broken');
  });
});
