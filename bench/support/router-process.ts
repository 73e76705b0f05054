// Runs the built router (dist/apps/router/main.js) as its own process, the way an operator does, and reads
// its CPU time from /proc so the figure is the router's alone, not the benchmark's.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sleep } from './stats';

export interface RouterProcess {
  readonly pid: number;
  readonly url: string;
  /** User + system CPU seconds the process has used so far. */
  cpuSeconds(): number;
  rssMb(): number;
  stop(): Promise<void>;
}

const TICKS_PER_SECOND = clockTicks();
/** As in package.json's start:router: a larger young generation halves the router's GC time (docs/performance.md). */
const ROUTER_NODE_ARGS = '--max-semi-space-size=64';

/** Builds the apps when the router entry is missing, or (mode `auto`) older than a source file. */
export function ensureBuilt(root: string, mode: string, log: (line: string) => void): string {
  const entry = join(root, 'dist/apps/router/main.js');
  if (mode === 'never') {
    if (!existsSync(entry)) throw new Error(`${entry} is missing and BENCH_BUILD=never`);
    return entry;
  }
  const reason = !existsSync(entry)
    ? 'missing'
    : mode === 'always' || newerSource(root, statSync(entry).mtimeMs)
      ? 'older than the sources'
      : null;
  if (reason) {
    log(`dist/apps/router/main.js is ${reason}: npm run build`);
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return entry;
}

export async function startRouter(
  entry: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<RouterProcess> {
  const port = await freePort();
  const out = createWriteStream(logFile);
  // BENCH_ROUTER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the router, not the bench. By
  // default the router runs with the young-generation size `npm run start:router` and docker-compose give it.
  const nodeArgs = (env.BENCH_ROUTER_NODE_ARGS ?? ROUTER_NODE_ARGS).split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, entry], {
    cwd,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, 120_000, logFile);
  const pid = child.pid!;
  return {
    pid,
    url,
    cpuSeconds: () => procCpuSeconds(pid),
    rssMb: () => procRssMb(pid),
    stop: () => stopChild(child),
  };
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the router exited with ${child.exitCode} before it was ready (log: ${logFile})`);
    }
    const ok = await fetch(`${url}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`the router was not ready within ${timeoutMs} ms (log: ${logFile})`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function procCpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return Number.NaN; // the process has exited
  }
  // Fields after the parenthesised command name: state is the 1st, utime the 12th, stime the 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function procRssMb(pid: number): number {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return Number.NaN;
  }
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Busy and total jiffies of the whole machine, to say how loaded it was while we measured. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function newerSource(root: string, than: number): boolean {
  const walk = (dir: string): boolean => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'generated' || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory() ? walk(path) : statSync(path).mtimeMs > than) return true;
    }
    return false;
  };
  return ['apps', 'libs'].some((dir) => existsSync(join(root, dir)) && walk(join(root, dir)));
}
