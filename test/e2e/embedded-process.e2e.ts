// The README's first command, as a process: the built engine on the embedded default (no Kafka, no Postgres)
// serves /health, seeds a demo tenant, and accepts an agent socket; bad config exits non-zero with reasons.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { readDemoCredentials } from '../support/demo-credentials';
import { freePort, root, startRole, waitForHealth } from '../support/processes';

const entry = join(root, 'dist/apps/switchboard/main.js');

function embeddedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1' };
  delete env.KAFKA_BROKERS;
  delete env.DATABASE_URL;
  delete env.JWT_SECRET;
  return { ...env, ...extra };
}

describe('embedded default as a process', () => {
  let child: ChildProcess;
  let url: string;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(entry))
      execFileSync('npx', ['nest', 'build', 'switchboard'], { cwd: root, stdio: 'inherit' });
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-embedded-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = startRole(
      'switchboard',
      embeddedEnv({ PORT: String(port), PGLITE_DATA_DIR: join(dataDir, 'pglite') }),
    );
    await waitForHealth(url, child, 60_000);
  }, 90_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('seeds a demo tenant whose agent can log in and open a socket', async () => {
    const { apiKey, passwords } = readDemoCredentials(dataDir);
    const token = await AgentClient.login(url, 'demo', 'agent1@demo.test', passwords.agent);
    const agent = await AgentClient.connect(url, token);
    expect(agent.events[0]).toMatchObject({ name: 'ready', payload: { role: 'agent' } });
    agent.close();

    const response = await fetch(`${url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        channel: 'email',
        channelMessageId: '<first@example.com>',
        from: { address: 'customer@example.com' },
        subject: 'Refund',
        body: 'Where is my refund?',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
  });

  it('serves its OpenAPI document', async () => {
    const document = (await (await fetch(`${url}/docs/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/v1/contacts', '/v1/auth/login', '/health']),
    );
  });

  it('shuts down cleanly on SIGTERM, releasing the database', async () => {
    const lock = join(dataDir, 'pglite', 'switchboard.lock');
    expect(existsSync(lock)).toBe(true);
    const exited = new Promise<NodeJS.Signals | number | null>((r) =>
      child.once('exit', (code, signal) => r(signal ?? code)),
    );
    child.kill('SIGTERM');
    // Nest runs the shutdown hooks, then re-raises the signal, as a process manager expects.
    expect(await exited).toBe('SIGTERM');
    expect(existsSync(lock)).toBe(false);
  });

  it('refuses to start with invalid configuration and names every bad variable', () => {
    let stderr = '';
    let status: number | null = 0;
    try {
      execFileSync(process.execPath, [entry], {
        cwd: root,
        env: embeddedEnv({ PORT: 'eighty', KAFKA_BROKERS: 'not a broker' }),
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      const failure = error as { status: number | null; stderr: Buffer };
      status = failure.status;
      stderr = failure.stderr.toString();
    }
    expect(status).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('KAFKA_BROKERS');
  });
});
