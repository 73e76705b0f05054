// Where the sealing key comes from. SECRETS_KEY when set; otherwise the embedded default keeps a generated key
// in the data directory, owner-only, next to the PGlite data (losing it loses the secrets, just as losing the
// data would). On PostgreSQL without SECRETS_KEY there is no key: secrets cannot be stored (see SecretVault).
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateSecretsKey, parseSecretsKey, SecretBox } from './secret-box';

export const SECRETS_KEY_FILE_NAME = 'secrets.key';

export type SecretsKeyDatabase = { kind: 'postgres' } | { kind: 'pglite'; dataDir: string };

/** `.data/pglite` keeps its key in `.data/secrets.key`. */
export function secretsKeyPath(pgliteDataDir: string): string {
  return join(dirname(pgliteDataDir), SECRETS_KEY_FILE_NAME);
}

/** The box for this deployment, or null when secrets cannot be stored (PostgreSQL without SECRETS_KEY). */
export async function openSecretBox(
  configuredKey: string | undefined,
  database: SecretsKeyDatabase,
): Promise<SecretBox | null> {
  if (configuredKey) return new SecretBox(parseSecretsKey(configuredKey));
  if (database.kind === 'postgres') return null;
  // A throwaway database holds throwaway secrets.
  if (database.dataDir.startsWith('memory://')) return new SecretBox(generateSecretsKey());
  return new SecretBox(await loadOrCreateKeyFile(secretsKeyPath(database.dataDir)));
}

async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two processes starting at once must not each write their own key.
    await writeFile(path, `${generateSecretsKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  await chmod(path, 0o600);
  const created = await readKey(path);
  if (!created) throw new Error(`could not read the secrets key back from ${path}`);
  return created;
}

async function readKey(path: string): Promise<Buffer | undefined> {
  try {
    return parseSecretsKey(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
