// An embedded data directory has one owner at a time: a second open fails loudly instead of corrupting it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '@switchboard/persistence';

describe('PGlite data directory lock', () => {
  const dirs: string[] = [];
  const freshDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-pglite-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second open while the first is live, and allows it after close', async () => {
    const dataDir = freshDir();
    const first = openDatabase({ kind: 'pglite', dataDir });
    await first.migrate();
    expect(() => openDatabase({ kind: 'pglite', dataDir })).toThrow(/already open in process/);
    await first.close();

    const second = openDatabase({ kind: 'pglite', dataDir });
    const report = await second.migrate();
    expect(report.applied).toEqual([]);
    await second.close();
  });

  it('takes over a lock left behind by a dead process', async () => {
    const dataDir = freshDir();
    writeFileSync(join(dataDir, 'switchboard.lock'), '999999999');
    const database = openDatabase({ kind: 'pglite', dataDir });
    expect(readFileSync(join(dataDir, 'switchboard.lock'), 'utf8')).toBe(String(process.pid));
    await database.close();
  });
});
