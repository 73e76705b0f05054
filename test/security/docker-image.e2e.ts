// The Docker image's safe defaults: its runtime stage listens on every interface (a container is reached
// through its published port) and seeds no demo tenant unless asked. The environment is read from the
// Dockerfile itself, and the engine is started with it, so a change to either shows here.
import { demoCredentialsPath } from '@switchboard/persistence';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/app-harness';

/** ENV assignments of the Dockerfile's last stage (the image that runs), continuation lines joined. */
function runtimeEnv(dockerfile: string): Record<string, string> {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const lastStage = lines.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true);
  const env: Record<string, string> = {};
  for (const line of lines.slice(lastStage)) {
    const match = /^ENV\s+(.*)$/i.exec(line.trim());
    if (!match) continue;
    for (const pair of match[1].trim().split(/\s+/)) {
      const [name, ...value] = pair.split('=');
      env[name] = value.join('=');
    }
  }
  return env;
}

describe('the Docker image defaults', () => {
  let env: Record<string, string>;
  let parent: string;
  let dataDir: string;
  let harness: Harness;

  beforeAll(async () => {
    env = runtimeEnv(await readFile(join(__dirname, '../../Dockerfile'), 'utf8'));
    parent = await mkdtemp(join(tmpdir(), 'switchboard-image-'));
    dataDir = join(parent, 'pglite');
    // The image's own environment, except the bind: a test must not listen beyond loopback.
    harness = await startHarness('embedded', { ...env, HOST: '127.0.0.1', PGLITE_DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await harness?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('sets HOST=0.0.0.0 and SEED_DEMO=false in the image that runs', () => {
    expect(env).toMatchObject({ HOST: '0.0.0.0', SEED_DEMO: 'false' });
  });

  it('starts with no demo tenant and writes no demo credentials', async () => {
    // Seeding runs in the bootstrap, which has finished once the engine answers.
    expect((await fetch(`${harness.url}/health`)).status).toBe(200);
    expect(await harness.prisma.tenant.count()).toBe(0);
    expect(existsSync(demoCredentialsPath(dataDir))).toBe(false);
  });
});
