import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateSecretsKey } from './secret-box';
import { openSecretBox, secretsKeyPath } from './secrets-key.file';

describe('openSecretBox', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('uses SECRETS_KEY when set, on any database', async () => {
    const key = generateSecretsKey().toString('base64');
    const a = await openSecretBox(key, { kind: 'postgres' });
    const b = await openSecretBox(key, { kind: 'pglite', dataDir: 'memory://' });
    expect(b?.open(a!.seal('x', 'c'), 'c')).toBe('x');
  });

  it('has no box on PostgreSQL without SECRETS_KEY', async () => {
    expect(await openSecretBox(undefined, { kind: 'postgres' })).toBeNull();
  });

  it('generates a key once in the data directory, owner-only, and reuses it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'sb-key-'));
    dirs.push(root);
    const dataDir = join(root, 'pglite');
    const first = await openSecretBox(undefined, { kind: 'pglite', dataDir });
    const path = secretsKeyPath(dataDir);
    expect(path).toBe(join(root, 'secrets.key'));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const text = await readFile(path, 'utf8');
    const second = await openSecretBox(undefined, { kind: 'pglite', dataDir });
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(second?.open(first!.seal('kept', 'inbox:1'), 'inbox:1')).toBe('kept');
  });
});
