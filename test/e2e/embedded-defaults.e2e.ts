// `npm start` with nothing configured is safe as it stands: the built engine listens on loopback only, its demo
// credentials are random, shown once on the terminal and kept in an owner-only file, never in the JSON logs,
// and a restart keeps them.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoCredentials } from '@switchboard/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentClient } from '../support/agent-client';
import { readDemoCredentials } from '../support/demo-credentials';
import { freePort, root, stop, waitForHealth } from '../support/processes';

const entry = join(root, 'dist/apps/switchboard/main.js');

interface Engine {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything written to stdout (the JSON logs), or, on a terminal, to the terminal. */
  stdout: () => string;
  stderr: () => string;
}

/** The environment of a newcomer's shell: no HOST, no servers, no secrets, no pinned demo credentials. */
function newcomerEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  for (const name of [
    'HOST',
    'KAFKA_BROKERS',
    'DATABASE_URL',
    'JWT_SECRET',
    'KAFKA_TOPIC_PREFIX',
    'SEED_DEMO',
    'SEED_DEMO_PASSWORD',
    'SEED_DEMO_API_KEY',
  ]) {
    delete env[name];
  }
  return { ...env, ...extra };
}

/**
 * Starts the built engine as `npm start` does. With `terminal`, it runs under util-linux `script`, so its
 * stdout and stderr are a terminal (as in a newcomer's shell) and both arrive, merged, on `stdout`.
 */
async function startEngine(dataDir: string, terminal: boolean): Promise<Engine> {
  const port = await freePort();
  // SMTP on a free port: parallel tests must not contend for 2525.
  const env = newcomerEnv({ PORT: String(port), PGLITE_DATA_DIR: dataDir, SMTP_PORT: '0' });
  const child = terminal
    ? spawn('script', ['-q', '-e', '-c', `'${process.execPath}' '${entry}'`, '/dev/null'], {
        cwd: root,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(process.execPath, [entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 90_000);
  return { child, url, port, stdout: () => stdout, stderr: () => stderr };
}

/** Output lines that are JSON log records, and the rest (what a person reads). */
function splitOutput(output: string): { logs: string[]; text: string } {
  const lines = output.split(/\r?\n/);
  const isLog = (line: string): boolean => line.trimStart().startsWith('{');
  return { logs: lines.filter(isLog), text: lines.filter((line) => !isLog(line)).join('\n') };
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function secretsOf(credentials: DemoCredentials): string[] {
  const { admin, supervisor, agent } = credentials.passwords;
  return [credentials.apiKey, admin, supervisor, agent];
}

describe('embedded default: safe as it stands', () => {
  let workDir: string;
  let dataDir: string;
  let engine: Engine | undefined;
  let first: DemoCredentials;

  beforeAll(async () => {
    if (!existsSync(entry))
      execFileSync('npx', ['nest', 'build', 'switchboard'], { cwd: root, stdio: 'inherit' });
    workDir = mkdtempSync(join(tmpdir(), 'switchboard-defaults-'));
    dataDir = join(workDir, 'pglite');
    engine = await startEngine(dataDir, true);
  }, 120_000);

  afterAll(async () => {
    await stop(engine?.child);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('listens on loopback only when HOST is unset', async () => {
    const { port } = engine!;
    expect(await accepts('127.0.0.1', port)).toBe(true);
    // All of 127/8 is loopback on Linux: a 0.0.0.0 bind would answer on 127.0.0.2 too.
    expect(await accepts('127.0.0.2', port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) expect(await accepts(external.address, port)).toBe(false);
  });

  it('writes random demo credentials once, readable by the owner only', () => {
    const file = join(workDir, 'demo-credentials.txt');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    first = readDemoCredentials(workDir);
    expect(first.tenant).toBe('demo');
    expect(first.apiKey).toMatch(/^sb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const { admin, supervisor, agent } = first.passwords;
    expect(new Set([admin, supervisor, agent, 'switchboard']).size).toBe(4);
    for (const password of [admin, supervisor, agent]) expect(password.length).toBeGreaterThanOrEqual(20);
  });

  it('lets every demo role log in with them, and the integrator send a contact', async () => {
    const { url } = engine!;
    const { passwords, apiKey } = first;
    for (const [email, password] of [
      ['admin@demo.test', passwords.admin],
      ['supervisor@demo.test', passwords.supervisor],
      ['agent1@demo.test', passwords.agent],
    ] as const) {
      expect(await AgentClient.login(url, 'demo', email, password)).toMatch(/^ey/);
    }
    // The README's one-liners read the same values.
    const file = join(workDir, 'demo-credentials.txt');
    const sed = (label: string): string =>
      execFileSync('sed', ['-n', `s/^${label}: //p`, file], { encoding: 'utf8' }).trim();
    expect(sed('Agent password')).toBe(passwords.agent);
    expect(sed('Integrator API key')).toBe(apiKey);
    // One inbox per channel, with its address, webhook URL and random secrets.
    expect(sed('Inbox email')).toContain('support@demo.test');
    expect(sed('Inbox whatsapp webhook')).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v1\/channels\/whatsapp\/[\w-]+\/webhook$/,
    );
    expect(sed('Inbox whatsapp app secret')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(sed('Inbox x consumer secret')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Their sealing key sits beside the data, owner-only.
    expect(statSync(join(workDir, 'secrets.key')).mode & 0o777).toBe(0o600);
    // One role's password opens no other role's login.
    await expect(AgentClient.login(url, 'demo', 'admin@demo.test', passwords.agent)).rejects.toThrow(/401/);
    await expect(AgentClient.login(url, 'demo', 'agent1@demo.test', 'switchboard')).rejects.toThrow(/401/);

    const response = await fetch(`${url}/v1/contacts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify({
        channel: 'chat',
        channelMessageId: 'defaults-1',
        from: { address: 'ana@example.com' },
        body: 'Hello',
        sentAt: new Date().toISOString(),
      }),
    });
    expect(response.status).toBe(202);
  });

  it('shows the credentials on the terminal, never in the JSON logs', () => {
    const { logs, text } = splitOutput(engine!.stdout());
    for (const secret of secretsOf(first)) {
      expect(text).toContain(secret);
      for (const line of logs) expect(line).not.toContain(secret);
    }
    expect(text).toContain(join(workDir, 'demo-credentials.txt'));
    // The logs are there (LOG_LEVEL=info): they say that a tenant was seeded, and where the file is.
    const records = logs.map((line) => JSON.parse(line) as { msg?: string; credentialsFile?: string });
    expect(records.find((r) => r.msg === 'Demo tenant "demo" seeded')?.credentialsFile).toBe(
      join(workDir, 'demo-credentials.txt'),
    );
  });

  it('keeps the same credentials across a restart, and says where they are', async () => {
    const file = join(workDir, 'demo-credentials.txt');
    const before = readFileSync(file, 'utf8');
    await stop(engine?.child);
    // Not on a terminal this time: stderr is kept apart from the logs on stdout.
    engine = await startEngine(dataDir, false);
    const { url, stdout, stderr } = engine;

    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(stderr()).toContain(`Demo credentials: ${file}`);
    for (const secret of secretsOf(first)) {
      expect(stderr()).not.toContain(secret);
      expect(stdout()).not.toContain(secret);
    }
    expect(await AgentClient.login(url, 'demo', 'agent1@demo.test', first.passwords.agent)).toMatch(/^ey/);
    // The kept key still opens the inboxes' secrets: the admin API shows the file's secret by its hint.
    const appSecret = execFileSync('sed', ['-n', 's/^Inbox whatsapp app secret: //p', file], {
      encoding: 'utf8',
    }).trim();
    const token = await AgentClient.login(url, 'demo', 'admin@demo.test', first.passwords.admin);
    const inboxes = (await (
      await fetch(`${url}/v1/inboxes?limit=50`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Array<{ channel: string; secrets: Record<string, { hint: string | null }> }> };
    const whatsapp = inboxes.items.find((inbox) => inbox.channel === 'whatsapp');
    expect(whatsapp?.secrets.appSecret.hint).toBe(`…${appSecret.slice(-4)}`);
  }, 120_000);
});
