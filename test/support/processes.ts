// Runs the built apps as real child processes, the way an operator does.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const root = resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export function startRole(role: 'switchboard' | 'router' | 'gateway', env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(root, `dist/apps/${role}/main.js`)], {
    cwd: root,
    // SMTP on a free port unless the test says otherwise, so parallel tests never contend for 2525.
    env: { SMTP_PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function waitForHealth(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no healthy process at ${url} within ${deadlineMs} ms`);
}

export async function stop(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  await exited;
}
