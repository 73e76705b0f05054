// The built router and gateway as real child processes for the fault tests, with each one's output kept in a
// file, so a failed scenario can show what the process said, and a kill -9 can be told from a clean exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, root, waitForHealth } from '../processes';

export type Role = 'router' | 'gateway';

export interface RoleProcess {
  readonly role: Role;
  readonly child: ChildProcess;
  readonly url: string;
  readonly logFile: string;
  /** Resolves when the process has exited, with how it ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let launched = 0;

/** Spawns a built app on a free loopback port, logging to `logDir`; waits for /health unless told not to. */
export async function launchRole(
  role: Role,
  env: NodeJS.ProcessEnv,
  logDir: string,
  options: { waitHealthy?: boolean; healthTimeoutMs?: number } = {},
): Promise<RoleProcess> {
  const port = await freePort();
  const logFile = join(logDir, `${role}-${++launched}-${port}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [join(root, `dist/apps/${role}/main.js`)], {
    cwd: root,
    // SMTP on a free port too, so roles and parallel tests never contend for 2525.
    env: { SMTP_PORT: '0', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );
  const process_: RoleProcess = { role, child, url: `http://127.0.0.1:${port}`, logFile, exited };
  if (options.waitHealthy ?? true) {
    try {
      await waitForHealth(process_.url, child, options.healthTimeoutMs ?? 90_000);
    } catch (error) {
      throw new Error(`${role} did not become healthy: ${String(error)}\n${tailOf(process_)}`);
    }
  }
  return process_;
}

/** Stops the process (SIGTERM by default) and waits for it to exit. */
export async function stopRole(
  target: RoleProcess | undefined,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (!target || target.child.exitCode !== null || target.child.signalCode !== null) return;
  target.child.kill(signal);
  const timer = setTimeout(() => target.child.kill('SIGKILL'), 20_000);
  await target.exited;
  clearTimeout(timer);
}

/** The last warnings, errors and non-log output (a crash's stack) the process wrote, for failure messages. */
export function tailOf(target: RoleProcess, lines = 40): string {
  try {
    const text = readFileSync(target.logFile, 'utf8')
      .trimEnd()
      .split('\n')
      .filter((line) => !/^\{"level":(10|20|30),/.test(line));
    return `--- last warnings of ${target.logFile} ---\n${text.slice(-lines).join('\n')}`;
  } catch {
    return `(no output in ${target.logFile})`;
  }
}

/** How many lines of the process's output match: a figure for reports (e.g. batches that failed and were retried). */
export function countLogLines(target: RoleProcess, pattern: RegExp): number {
  try {
    return readFileSync(target.logFile, 'utf8')
      .split('\n')
      .filter((line) => pattern.test(line)).length;
  } catch {
    return 0;
  }
}
